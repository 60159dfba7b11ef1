using System.Text.RegularExpressions;

namespace Keqing.Tests.Architecture;

/// <summary>A module uses another module only through its Contracts namespace (DESIGN.md).</summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string ModulesDir = Path.Combine(SourceRoot(), "src", "Keqing", "Modules");

    [Fact]
    public void No_module_reaches_into_another_modules_internals()
    {
        var violations = new List<string>();
        foreach (var moduleDir in Directory.GetDirectories(ModulesDir))
        {
            var module = Path.GetFileName(moduleDir);
            foreach (var file in Directory.EnumerateFiles(moduleDir, "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    foreach (Match m in ModuleReference().Matches(lines[i]))
                    {
                        var other = m.Groups["module"].Value;
                        var part = m.Groups["part"].Value;
                        if (other != module && part != "Contracts")
                            violations.Add($"{Path.GetRelativePath(ModulesDir, file)}:{i + 1} uses Keqing.Modules.{other}.{part}");
                    }
            }
        }
        violations.Should().BeEmpty("a module may use another only through its Contracts namespace");
    }

    [Fact]
    public void The_check_sees_a_violation_when_there_is_one()
    {
        ModuleReference().Match("using Keqing.Modules.Customers.Domain;").Groups["part"].Value.Should().Be("Domain");
        ModuleReference().Match("x = new Keqing.Modules.Identity.Contracts.Roles();").Groups["part"].Value.Should().Be("Contracts");
    }

    [GeneratedRegex(@"Keqing\.Modules\.(?<module>\w+)\.(?<part>\w+)")]
    private static partial Regex ModuleReference();

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keqing.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Keqing.slnx not found above the test binaries.");
    }
}
