namespace ChatOpsWatch.Domain.Engine;

/// <summary>Nagios's flap percentage: 20 transitions between 21 evaluations, newer ones weighing more (0.8 → 1.2).</summary>
public static class FlapWindow
{
    public const int Transitions = 20;
    public const uint Mask = (1u << Transitions) - 1;

    private static readonly double[] Weights = BuildWeights();

    public static uint Push(uint bits, bool changed) => ((bits << 1) | (changed ? 1u : 0u)) & Mask;

    /// <summary>0–100: the weighted share of evaluations whose signal differed from the one before.</summary>
    public static double Percent(uint bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var age = 0; age < Transitions; age++)
        {
            if ((bits & (1u << age)) != 0)
            {
                sum += Weights[age];
            }
        }

        return sum * 100 / Transitions;
    }

    private static double[] BuildWeights()
    {
        var w = new double[Transitions];
        for (var age = 0; age < Transitions; age++)
        {
            w[age] = 1.2 - (0.4 * age / (Transitions - 1));
        }

        return w;
    }
}
