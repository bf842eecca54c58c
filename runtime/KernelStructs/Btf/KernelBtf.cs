using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;

namespace KernelStructs.Btf;

/// <summary>
/// The running kernel's type information: <c>/sys/kernel/btf/vmlinux</c>, and each loaded module's split BTF
/// (<c>/sys/kernel/btf/&lt;module&gt;</c>), read when a type is not in vmlinux. Readable by any user on kernels built with
/// <c>CONFIG_DEBUG_INFO_BTF</c> (and <c>CONFIG_DEBUG_INFO_BTF_MODULES</c> for modules).
/// </summary>
/// <remarks>
/// <see cref="TryOpen(out KernelBtf?, out string?, string)"/> says why the BTF is missing instead of throwing; a module whose
/// BTF is malformed is skipped, and <see cref="TryFind"/> says so when the type was not found elsewhere. Thread-safe.
/// </remarks>
public sealed class KernelBtf
{
    /// <summary>Where the kernel publishes its BTF.</summary>
    public const string DefaultDirectory = "/sys/kernel/btf";

    private readonly string? _directory;
    private readonly object _gate = new();
    private readonly Dictionary<string, BtfTypes?> _modules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _moduleProblems = new(StringComparer.Ordinal);

    /// <summary>A kernel BTF made of given blobs (a saved vmlinux BTF, a test's): <paramref name="modules"/> by name, split from <paramref name="vmlinux"/>.</summary>
    public KernelBtf(BtfTypes vmlinux, IReadOnlyDictionary<string, BtfTypes>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(vmlinux);
        Vmlinux = vmlinux;
        ModuleNames = modules?.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList() ?? new List<string>();
        if (modules is not null)
        {
            foreach (var (name, types) in modules)
            {
                _modules[name] = types;
            }
        }
    }

    private KernelBtf(BtfTypes vmlinux, string directory, IReadOnlyList<string> moduleNames)
    {
        Vmlinux = vmlinux;
        _directory = directory;
        ModuleNames = moduleNames;
    }

    /// <summary>vmlinux's BTF: the core kernel and the modules built into it.</summary>
    public BtfTypes Vmlinux { get; }

    /// <summary>The loaded modules that publish BTF, by name.</summary>
    public IReadOnlyList<string> ModuleNames { get; }

    /// <summary>Where the BTF was read from (<c>/sys/kernel/btf</c>), or <see langword="null"/> for given blobs.</summary>
    public string? Directory => _directory;

    /// <summary>
    /// Reads the running kernel's BTF from <paramref name="directory"/> (<c>/sys/kernel/btf</c>). Returns
    /// <see langword="false"/> with the reason (no BTF in this kernel, not readable, malformed) instead of throwing.
    /// </summary>
    public static bool TryOpen([NotNullWhen(true)] out KernelBtf? btf, [NotNullWhen(false)] out string? problem, string directory = DefaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        btf = null;
        var vmlinux = Path.Combine(directory, "vmlinux");
        try
        {
            if (!File.Exists(vmlinux))
            {
                problem = System.IO.Directory.Exists(directory)
                    ? $"{vmlinux} does not exist: this kernel publishes no BTF (it is built without CONFIG_DEBUG_INFO_BTF)"
                    : $"{directory} does not exist: this kernel publishes no BTF (it is built without CONFIG_DEBUG_INFO_BTF, or sysfs is not mounted)";
                return false;
            }

            var types = BtfTypes.Load(vmlinux);
            var modules = System.IO.Directory.GetFiles(directory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n != "vmlinux")
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            btf = new KernelBtf(types, directory, modules);
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BtfFormatException)
        {
            problem = e is BtfFormatException ? $"{vmlinux} is not valid BTF: {e.Message}" : $"{vmlinux} cannot be read: {e.Message}";
            return false;
        }
    }

    /// <summary>A loaded module's BTF (split from vmlinux's), or <see langword="null"/> with the reason.</summary>
    public BtfTypes? Module(string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (_modules.TryGetValue(name, out var known))
            {
                _moduleProblems.TryGetValue(name, out problem);
                return known;
            }

            if (_directory is null || !ModuleNames.Contains(name, StringComparer.Ordinal))
            {
                problem = $"module {name} is not loaded, or publishes no BTF";
                return null;
            }

            var path = Path.Combine(_directory, name);
            BtfTypes? types = null;
            problem = null;
            try
            {
                types = BtfTypes.Load(path, Vmlinux);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BtfFormatException)
            {
                problem = e is BtfFormatException ? $"{path} is not valid BTF: {e.Message}" : $"{path} cannot be read: {e.Message}";
                _moduleProblems[name] = problem;
            }

            _modules[name] = types;
            return types;
        }
    }

    /// <summary>
    /// The struct or union named by <paramref name="cName"/> (<c>struct nf_conntrack_tuple</c>), from vmlinux's BTF or, when
    /// it is not there, from a loaded module's. Returns <see langword="false"/> with a reason when no BTF has it.
    /// </summary>
    /// <param name="cName">The C type with its tag.</param>
    /// <param name="type">The type found.</param>
    /// <param name="where"><c>vmlinux</c>, or the module whose BTF has it; or why it was not found.</param>
    /// <exception cref="BtfFormatException">vmlinux's BTF has a malformed name.</exception>
    public bool TryFind(string cName, out BtfType type, out string where)
    {
        ArgumentNullException.ThrowIfNull(cName);
        var space = cName.IndexOf(' ', StringComparison.Ordinal);
        var kind = cName.StartsWith("union ", StringComparison.Ordinal) ? BtfKind.Union : BtfKind.Struct;
        var name = space < 0 ? cName : cName[(space + 1)..];
        if (Vmlinux.Find(name, kind) is { } found)
        {
            type = found;
            where = "vmlinux";
            return true;
        }

        var skipped = new List<string>();
        foreach (var module in ModuleNames)
        {
            var types = Module(module, out var problem);
            if (types is null)
            {
                if (problem is not null)
                {
                    skipped.Add(problem);
                }

                continue;
            }

            try
            {
                if (types.Find(name, kind) is { } inModule)
                {
                    type = inModule;
                    where = "module " + module;
                    return true;
                }
            }
            catch (BtfFormatException e)
            {
                skipped.Add($"{types.What}: {e.Message}");
            }
        }

        type = default;
        where = $"{cName} is in neither vmlinux's BTF nor the BTF of a loaded module ({ModuleNames.Count} with BTF): is the module that defines it loaded?"
            + (skipped.Count > 0 ? " Skipped: " + string.Join("; ", skipped) : string.Empty);
        return false;
    }
}
