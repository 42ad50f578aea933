using QRCoder;

namespace MicroEvents.Gateway.Venues;

/// <summary>A voucher's signed JSON as a QR code an attendee shows: what kiosks render offline and the gateway renders online.</summary>
public static class VoucherQr
{
    public const int PixelsPerModule = 8;

    public static byte[] Png(string payload)
    {
        using var data = Generate(payload);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public static string Svg(string payload)
    {
        using var data = Generate(payload);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule);
    }

    private static QRCodeData Generate(string payload)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
    }
}
