using Spectre.Console.Cli;

namespace Steepest.Cli.Infrastructure;

/// <summary>A minimal dependency container for Spectre.Console.Cli: registered instances and types, constructor injection.</summary>
public sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<ITypeResolver, object>> factories = [];

    /// <inheritdoc/>
    public ITypeResolver Build() => new Resolver(factories);

    /// <inheritdoc/>
    public void Register(Type service, Type implementation) => factories[service] = resolver => Resolver.Construct(implementation, resolver);

    /// <inheritdoc/>
    public void RegisterInstance(Type service, object implementation) => factories[service] = _ => implementation;

    /// <inheritdoc/>
    public void RegisterLazy(Type service, Func<object> factory) => factories[service] = _ => factory();

    private sealed class Resolver(Dictionary<Type, Func<ITypeResolver, object>> factories) : ITypeResolver
    {
        public object? Resolve(Type? type)
        {
            if (type is null) return null;
            if (factories.TryGetValue(type, out var make)) return make(this);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                // Spectre asks for all implementations of a service; this container holds at most one per type.
                var element = type.GetGenericArguments()[0];
                var all = Array.CreateInstance(element, factories.ContainsKey(element) ? 1 : 0);
                if (all.Length == 1) all.SetValue(factories[element](this), 0);
                return all;
            }
            return type.IsAbstract || type.IsInterface ? null : Construct(type, this);
        }

        /// <summary>Calls the constructor with the most parameters, resolving each one.</summary>
        public static object Construct(Type type, ITypeResolver resolver)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (constructor is null) return Activator.CreateInstance(type)!;
            var arguments = constructor.GetParameters().Select(p => resolver.Resolve(p.ParameterType)).ToArray();
            return constructor.Invoke(arguments);
        }
    }
}
