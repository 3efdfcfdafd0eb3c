using System.Runtime.InteropServices;

namespace ServerlessBilling.DeploymentTests;

/// <summary>A test that runs the Bicep CLI: the package restored here is the linux-x64 build, so elsewhere (a developer's
/// Windows or macOS machine) the test is skipped; CI runs on Linux x64 and always runs it.</summary>
public sealed class BicepFactAttribute : FactAttribute
{
    public BicepFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Skip = "The Bicep CLI restored for the tests is the linux-x64 build.";
        }
    }
}
