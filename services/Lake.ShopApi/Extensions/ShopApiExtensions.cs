using Lake.ServiceDefaults;
using Lake.ShopApi.Orders;

namespace Lake.ShopApi;

public static class ShopApiExtensions
{
    public static IHostApplicationBuilder AddShopApi(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<FaultCounter>();
        return builder;
    }

    public static WebApplication MapShopApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapDefaultEndpoints();
        app.MapOrdersApi();
        return app;
    }
}
