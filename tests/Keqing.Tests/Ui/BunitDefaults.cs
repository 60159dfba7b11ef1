using System.Runtime.CompilerServices;
using Bunit;

namespace Keqing.Tests.Ui;

internal static class BunitDefaults
{
    /// <summary>
    /// The pages run on the real handlers and database, so a wait may include the first query's compilation and a save
    /// while other test classes load both cores: bUnit's default of 1 s fails such a wait on a busy machine.
    /// </summary>
    [ModuleInitializer]
    internal static void WaitLonger() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
}
