namespace Lake.SeedGenerator;

/// <summary>A market: its currency, how many units of it one euro buys, and its customers' usual names.</summary>
public sealed record Market(string Country, string Currency, decimal PerEuro, string[] FirstNames, string[] LastNames);

/// <summary>A product and its list price in euros.</summary>
public sealed record Product(string Name, decimal EuroPrice);

/// <summary>The fictional shop's markets and products: plausible names (accents included) and prices.</summary>
public static class ShopCatalog
{
    public static IReadOnlyList<Market> Markets { get; } =
    [
        new("DE", "EUR", 1m, ["Jürgen", "Anna", "Lukas", "Sophie", "Maximilian", "Lea", "Jörg", "Hannah"], ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Größer", "Becker", "Hoffmann"]),
        new("FR", "EUR", 1m, ["Élodie", "Jean", "Camille", "Théo", "Chloé", "Louis", "Inès", "Hugo"], ["Dupont", "Lefèvre", "Martin", "Bernard", "Moreau", "Laurent", "Rousseau", "Girard"]),
        new("ES", "EUR", 1m, ["José", "Lucía", "Javier", "María", "Álvaro", "Sofía", "Íñigo", "Carmen"], ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Núñez"]),
        new("IT", "EUR", 1m, ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo"], ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"]),
        new("NL", "EUR", 1m, ["Daan", "Emma", "Sem", "Julia", "Lars", "Tess"], ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker"]),
        new("IE", "EUR", 1m, ["Siobhán", "Cian", "Aoife", "Oisín", "Niamh", "Seán"], ["O'Brien", "Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne"]),
        new("US", "USD", 1.08m, ["James", "Olivia", "Michael", "Emma", "William", "Ava", "Ethan", "Mia"], ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson"]),
        new("GB", "GBP", 0.86m, ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy"], ["Taylor", "Davies", "Evans", "Thomas", "Roberts", "Wright"]),
        new("CH", "CHF", 0.95m, ["Luca", "Mia", "Noah", "Lina", "Leon", "Léa"], ["Meier", "Keller", "Brunner", "Baumann", "Frei", "Zürcher"]),
        new("JP", "JPY", 162m, ["Yuki", "Haruto", "Sakura", "Ren", "Aoi", "Sōta"], ["Tanaka", "Suzuki", "Takahashi", "Watanabe", "Itō", "Yamamoto"]),
        new("SE", "SEK", 11.4m, ["Åsa", "Erik", "Maja", "Oskar", "Elsa", "Björn"], ["Lindström", "Johansson", "Andersson", "Karlsson", "Nilsson", "Öberg"]),
        new("NO", "NOK", 11.6m, ["Bjørn", "Ingrid", "Håkon", "Solveig", "Magnus", "Nora"], ["Hansen", "Johansen", "Olsen", "Larsen", "Sæther", "Berg"]),
        new("DK", "DKK", 7.46m, ["Søren", "Freja", "Mads", "Ida", "Rasmus", "Emma"], ["Jensen", "Nielsen", "Pedersen", "Christensen", "Møller", "Sørensen"]),
        new("PL", "PLN", 4.32m, ["Łukasz", "Zofia", "Jakub", "Małgorzata", "Paweł", "Agnieszka"], ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamiński", "Lewandowska"]),
        new("CZ", "CZK", 25.1m, ["Tomáš", "Jana", "Jiří", "Tereza", "Lukáš", "Kateřina"], ["Dvořák", "Novák", "Svoboda", "Černá", "Procházka", "Kučerová"]),
        new("CA", "CAD", 1.47m, ["Liam", "Charlotte", "Noah", "Amélie", "Jackson", "Chloé"], ["Tremblay", "Roy", "Gagnon", "Côté", "Wilson", "MacDonald"]),
        new("AU", "AUD", 1.64m, ["Jack", "Charlotte", "Oliver", "Matilda", "Thomas", "Ruby"], ["Smith", "Nguyen", "Williams", "Kelly", "Brown", "Walker"]),
    ];

    public static IReadOnlyList<Product> Products { get; } =
    [
        new("Wireless Mouse", 24.99m), new("Mechanical Keyboard", 89.90m), new("USB-C Cable, 2 m", 12.49m),
        new("Monitor 27\" 4K", 329.00m), new("Laptop Stand", 39.95m), new("Noise-Cancelling Headphones", 249.00m),
        new("Webcam 1080p", 54.90m), new("External SSD 1 TB", 99.99m), new("Desk Lamp", 34.50m), new("Ergonomic Chair", 419.00m),
        new("Standing Desk", 599.00m), new("Notebook A5, dotted", 8.95m), new("Fountain Pen", 27.50m), new("Coffee Beans 1 kg", 21.90m),
        new("Espresso Cups (set of 4)", 29.00m), new("French Press 1 l", 32.99m), new("Water Bottle 750 ml", 19.95m),
        new("Running Shoes", 129.95m), new("Yoga Mat", 35.00m), new("Backpack 25 l", 74.90m), new("Rain Jacket", 119.00m),
        new("Wool Socks (3 pairs)", 18.50m), new("Bluetooth Speaker", 69.00m), new("Phone Case", 15.99m), new("Power Bank 10000 mAh", 29.99m),
        new("HDMI Adapter", 14.90m), new("Smart Plug", 17.49m), new("LED Bulb E27 (pack of 6)", 22.99m), new("Board Game: Café Society", 44.00m),
        new("Cookbook: Crème de la Crème", 31.00m), new("Tea Sampler", 16.75m), new("Chef's Knife 20 cm", 79.00m), new("Cast Iron Pan 28 cm", 59.95m),
        new("Cutting Board, Oak", 42.00m), new("Scented Candle", 12.90m), new("Plant Pot (ceramic)", 23.50m), new("Puzzle 1000 pieces", 19.00m),
        new("Sunglasses", 89.00m), new("Wristwatch", 189.00m), new("Gift Card", 50.00m),
    ];

    /// <summary>The currencies the orders contract accepts.</summary>
    public static IReadOnlyList<string> Currencies { get; } = [.. Markets.Select(m => m.Currency).Distinct()];

    /// <summary>A shelf price in the market's currency: whole yen, otherwise ending in .99/.49/.95-style cents.</summary>
    public static decimal PriceIn(Product product, Market market)
    {
        var converted = product.EuroPrice * market.PerEuro;
        if (market.Currency == "JPY")
        {
            return Math.Round(converted / 10m, MidpointRounding.AwayFromZero) * 10m;
        }

        return market.Currency == "EUR" ? product.EuroPrice : Math.Max(0.99m, Math.Ceiling(converted) - 0.01m);
    }
}
