/// `ttlc build` lines of the plain forms, made into the command without ArgumentParser: its
/// parse reflects over the command types (Mirror, and conformance lookups that each scan the
/// static binary's ~6,000 conformance records) and first tries the line as a completion-script
/// request, some 2 ms of the main thread at every start. The spec read and the built-in shapes
/// run beside it on the other core (`BuiltInWarmUp`), so three threads shared two cores for
/// those milliseconds; a 100-service build took 0.94–0.98 of its time without it (alternated).
///
/// Only lines whose every word is one of Build's own options, written out whole (`-q`,
/// `--quiet`, `-v`, `--verbose`, `--check`, `-o`/`--output` and `--format` each followed by
/// their value as the next word), or a spec path not starting with `-`, each option at most
/// once: anything else (`--output=x`, `-qv`, `--`, `--help`, a value starting with `-`, a
/// repeated option, `--quiet` with `--verbose`, a format that is not one) is left to
/// ArgumentParser, which parses it or says what is wrong as before. The tests hold both
/// parses of a line to the same command, and this list to Build's options.
enum QuickBuildParse {
    /// The options read here; the tests hold them to Build's as ArgumentParser describes them.
    static let options: Set<String> = ["-q", "--quiet", "-v", "--verbose", "--check", "-o", "--output", "--format"]

    /// The command of `arguments` (the process's, program name first), or nil to parse it the
    /// usual way.
    static func command(_ arguments: [String]) -> Build? {
        guard arguments.count >= 2, arguments[1] == Build.configuration.commandName else { return nil }
        var paths: [String] = []
        var quiet = false, verbose = false, check = false
        var output: String?
        var format: OutputFormat?
        var index = 2
        /// The word after an option, when it can only be that option's value.
        func value() -> String? {
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "-q", "--quiet":
                guard !quiet else { return nil }
                quiet = true
            case "-v", "--verbose":
                guard !verbose else { return nil }
                verbose = true
            case "--check":
                guard !check else { return nil }
                check = true
            case "-o", "--output":
                guard output == nil, let path = value() else { return nil }
                output = path
            case "--format":
                guard format == nil, let name = value(), let chosen = OutputFormat(rawValue: name) else { return nil }
                format = chosen
            case let word:
                guard !word.isEmpty, !word.hasPrefix("-") else { return nil }
                paths.append(word)
            }
            index += 1
        }
        // ArgumentParser's validation refuses these together; let it say so.
        guard !(quiet && verbose) else { return nil }
        // Every property set, defaults included: a property wrapper of ArgumentParser that was
        // never parsed nor set stops the program when read. Build's defaults, as it declares them.
        var spec = SpecOptions()
        spec.paths = paths.isEmpty ? ["specs"] : paths
        var verbosity = VerbosityOptions()
        verbosity.quiet = quiet
        verbosity.verbose = verbose
        var build = Build()
        build.spec = spec
        build.verbosity = verbosity
        build.output = output ?? "ops"
        build.check = check
        build.format = format ?? .text
        return build
    }
}
