using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keqing.Infrastructure.Money;

/// <summary>
/// <see cref="Money"/> in the API: <c>{ "amount": 12.34, "currency": "CNY" }</c>. Both fields are required; an amount
/// with more decimals than the currency has (12.345 CNY, 1.5 JPY) or an unknown currency is refused, never rounded.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A money value is an object: { \"amount\": 12.34, \"currency\": \"CNY\" }.");
        decimal? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("A money value is an object with amount and currency.");
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
                    throw new JsonException("amount must be a JSON number within ±79228162514264337593543950335.");
                amount = value;
            }
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase))
            {
                if (reader.TokenType != JsonTokenType.String) throw new JsonException("currency must be an ISO 4217 code such as \"CNY\".");
                currency = reader.GetString();
            }
            else reader.Skip();
        }
        if (amount is null) throw new JsonException("A money value needs an amount.");
        if (currency is null) throw new JsonException("A money value needs a currency (an ISO 4217 code such as \"CNY\").");
        if (!Currencies.IsKnown(currency)) throw new JsonException($"'{currency}' is not an ISO 4217 currency code Keqing knows (such as CNY, USD, EUR, JPY).");
        if (!Money.FitsMinorUnit(amount.Value, currency))
            throw new JsonException($"{currency} allows at most {Currencies.MinorDigits(currency)} decimal places; amount {amount.Value} has more.");
        try
        {
            return Money.Of(amount.Value, currency);
        }
        catch (OverflowException)
        {
            throw new JsonException("amount is too large.");
        }
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }
}
