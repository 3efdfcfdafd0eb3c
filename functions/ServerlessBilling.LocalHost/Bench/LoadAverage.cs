using System.Globalization;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>The one-minute load average, printed beside every absolute figure: the benches share their machine with other work.</summary>
public static class LoadAverage
{
    /// <returns>The figure from <c>/proc/loadavg</c>, or NaN where there is none.</returns>
    public static double Read()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
