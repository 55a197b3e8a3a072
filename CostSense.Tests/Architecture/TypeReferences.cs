using Mono.Cecil;

namespace CostSense.Tests.Architecture;

/// <summary>
/// Every type a top-level type of a module refers to, read from the compiled IL with Mono.Cecil: base type, interfaces,
/// generic arguments and constraints, attributes, fields, properties, events, method signatures and method bodies
/// (instruction operands, locals, catch clauses). Nested types count for the type they are nested in, so an async
/// method's state machine or a lambda's closure class counts for the type that declared the method.
/// </summary>
/// <remarks>
/// What the compiler does not keep in IL is not seen: a constant's or an enum member's value is copied where it is used,
/// and <c>nameof</c> leaves a string. The source check beside this one reads the <c>using</c> lines for those.
/// </remarks>
internal static class TypeReferences
{
    /// <summary>The top-level types of <paramref name="module"/> that <paramref name="type"/> (and its nested types) refers to.</summary>
    public static IReadOnlySet<TypeDefinition> Of(TypeDefinition type)
    {
        var found = new HashSet<TypeDefinition>();
        var walker = new Walker(type.Module, found);
        walker.Type(type);
        found.Remove(type);
        return found;
    }

    /// <summary>The outermost declaring type: what a nested type counts for.</summary>
    public static TypeDefinition TopLevel(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private sealed class Walker(ModuleDefinition module, HashSet<TypeDefinition> found)
    {
        private readonly HashSet<TypeReference> _seen = [];

        public void Type(TypeDefinition t)
        {
            Attributes(t);
            Ref(t.BaseType);
            foreach (var i in t.Interfaces) { Ref(i.InterfaceType); Attributes(i); }
            GenericParameters(t);
            foreach (var f in t.Fields) { Ref(f.FieldType); Attributes(f); }
            foreach (var p in t.Properties) { Ref(p.PropertyType); Attributes(p); foreach (var x in p.Parameters) Ref(x.ParameterType); }
            foreach (var e in t.Events) { Ref(e.EventType); Attributes(e); }
            foreach (var m in t.Methods) Method(m);
            foreach (var n in t.NestedTypes) Type(n);
        }

        private void Method(MethodDefinition m)
        {
            Attributes(m);
            Ref(m.ReturnType);
            Attributes(m.MethodReturnType);
            GenericParameters(m);
            foreach (var p in m.Parameters) { Ref(p.ParameterType); Attributes(p); }
            foreach (var o in m.Overrides) Member(o);
            if (!m.HasBody) return;
            foreach (var v in m.Body.Variables) Ref(v.VariableType);
            foreach (var h in m.Body.ExceptionHandlers) Ref(h.CatchType);
            foreach (var i in m.Body.Instructions)
                switch (i.Operand)
                {
                    case TypeReference tr: Ref(tr); break;
                    case MemberReference mr: Member(mr); break;
                    case CallSite cs: Ref(cs.ReturnType); foreach (var p in cs.Parameters) Ref(p.ParameterType); break;
                }
        }

        private void Member(MemberReference member)
        {
            Ref(member.DeclaringType);
            switch (member)
            {
                case GenericInstanceMethod g:
                    foreach (var a in g.GenericArguments) Ref(a);
                    Member(g.ElementMethod);
                    break;
                case MethodReference m:
                    Ref(m.ReturnType);
                    foreach (var p in m.Parameters) Ref(p.ParameterType);
                    break;
                case FieldReference f:
                    Ref(f.FieldType);
                    break;
            }
        }

        private void GenericParameters(IGenericParameterProvider owner)
        {
            foreach (var g in owner.GenericParameters)
                foreach (var c in g.Constraints) { Ref(c.ConstraintType); Attributes(c); }
        }

        private void Attributes(ICustomAttributeProvider owner)
        {
            if (!owner.HasCustomAttributes) return;
            foreach (var a in owner.CustomAttributes)
            {
                Member(a.Constructor);
                foreach (var arg in a.ConstructorArguments) Argument(arg);
                foreach (var named in a.Fields.Concat(a.Properties)) Argument(named.Argument);
            }
        }

        private void Argument(CustomAttributeArgument arg)
        {
            Ref(arg.Type);
            switch (arg.Value)
            {
                case TypeReference t: Ref(t); break;
                case CustomAttributeArgument inner: Argument(inner); break;
                case CustomAttributeArgument[] many: foreach (var x in many) Argument(x); break;
            }
        }

        private void Ref(TypeReference? t)
        {
            if (t is null || !_seen.Add(t)) return;
            switch (t)
            {
                case GenericInstanceType g:
                    Ref(g.ElementType);
                    foreach (var a in g.GenericArguments) Ref(a);
                    return;
                case FunctionPointerType f:
                    Ref(f.ReturnType);
                    foreach (var p in f.Parameters) Ref(p.ParameterType);
                    return;
                case TypeSpecification s: // arrays, pointers, by-refs, modifiers
                    Ref(s.ElementType);
                    if (s is IModifierType mod) Ref(mod.ModifierType);
                    return;
                case GenericParameter:
                    return;
            }
            // Only the module's own types are judged; a reference to one of them resolves to its definition.
            if (t.Scope is not ModuleDefinition m || m != module) return;
            var definition = t as TypeDefinition ?? t.Resolve();
            if (definition is not null) found.Add(TopLevel(definition));
        }
    }
}
