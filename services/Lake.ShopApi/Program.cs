using Lake.ShopApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddShopApi();

var app = builder.Build();
app.MapShopApi();
app.Run();
