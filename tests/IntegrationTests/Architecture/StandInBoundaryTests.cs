using Mono.Cecil;

namespace MicroEvents.IntegrationTests.Architecture;

/// <summary>
/// The local stand-ins (a PostgreSQL of our own, anvil, the local SMTP server, the partner launcher) are for the
/// one-command run and the tests only: production code never calls them. The actors and the gateway do not even
/// reference their assembly; in the silo only the composition root's <c>MicroEvents.Silo.LocalRun</c> does, behind
/// the hosting's <c>IStandIns</c>. Read from the built assemblies' IL, so a call hidden in a method body counts too.
/// </summary>
public class StandInBoundaryTests
{
    private const string StandIns = "MicroEvents.LocalStandIns";
    private const string CompositionRoot = "MicroEvents.Silo.LocalRun";

    // The backup, restore and promote verbs drive PostgreSQL's own binaries and restore into a local data folder,
    // so they share the local server's binary lookup and start-up; they are operator tools, not the hosting.
    private static readonly string[] AllowedUsers = [CompositionRoot, "MicroEvents.Silo.Backups"];

    [Theory]
    [InlineData("MicroEvents.Grains.Interfaces")]
    [InlineData("MicroEvents.Grains")]
    [InlineData("MicroEvents.Gateway")]
    [InlineData("MicroEvents.Signatures")]
    public void production_assemblies_do_not_reference_the_stand_ins(string assembly)
    {
        using var module = Read(assembly);

        module.AssemblyReferences.Select(r => r.Name).Should().NotContain(StandIns);
    }

    [Fact]
    public void in_the_silo_only_the_composition_root_uses_the_stand_ins()
    {
        using var module = Read("MicroEvents.Silo");

        var uses = module.GetTypes().SelectMany(t => StandInsUsedBy(t).Select(used => (User: Outermost(t), Used: used))).ToList();

        uses.Where(u => !AllowedUsers.Contains(u.User.Namespace)).Select(u => $"{u.User.FullName} uses {u.Used}")
            .Should().BeEmpty("the silo's hosting, clustering and CLI code reach the stand-ins only through IStandIns");
        uses.Should().Contain(u => u.User.Namespace == CompositionRoot, "the check sees the references that do exist");
    }

    private static ModuleDefinition Read(string assembly) =>
        ModuleDefinition.ReadModule(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));

    private static TypeDefinition Outermost(TypeDefinition type) => type.DeclaringType is null ? type : Outermost(type.DeclaringType);

    /// <summary>Every stand-in type <paramref name="type"/> names: base, interfaces, fields, signatures, locals and IL operands.</summary>
    private static IEnumerable<string> StandInsUsedBy(TypeDefinition type)
    {
        var named = new List<TypeReference?> { type.BaseType };
        named.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        named.AddRange(type.Fields.Select(f => f.FieldType));
        named.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            named.Add(method.ReturnType);
            named.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody) continue;
            named.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: named.Add(t); break;
                    case MethodReference m: named.Add(m.DeclaringType); named.Add(m.ReturnType); named.AddRange(m.Parameters.Select(p => p.ParameterType)); break;
                    case FieldReference f: named.Add(f.DeclaringType); named.Add(f.FieldType); break;
                }
            }
        }
        return named.SelectMany(Flatten).Where(t => t.Scope?.Name == StandIns).Select(t => t.FullName).Distinct();
    }

    private static IEnumerable<TypeReference> Flatten(TypeReference? type)
    {
        if (type is null) yield break;
        yield return type;
        if (type is TypeSpecification spec) foreach (var t in Flatten(spec.ElementType)) yield return t;
        if (type is GenericInstanceType generic) foreach (var t in generic.GenericArguments.SelectMany(Flatten)) yield return t;
    }
}
