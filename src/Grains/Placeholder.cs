namespace MicroEvents; internal static class Placeholder2 {}
