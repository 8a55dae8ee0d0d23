import Planner

/// A located model value whatever its type, so that a model object's fields can be listed by
/// reflection: the model types stay plain structs and every new field is explained for free.
protocol AnyLocated {
    var anyValue: Any { get }
    var origin: Origin { get }
}

extension Located: AnyLocated {
    var anyValue: Any { value }
}

/// The located fields of model objects (a peer, a prefix, a rule) and where each spec subject
/// was declared.
enum ModelFields {
    /// Every located value inside `object`, by field path (`match.destinationPorts[0]`).
    static func list(_ object: Any) -> [ExplainedField] {
        var out: [ExplainedField] = []
        walk(object, path: "", into: &out)
        return out
    }

    private static func walk(_ value: Any, path: String, into out: inout [ExplainedField]) {
        if let located = value as? AnyLocated {
            out.append(ExplainedField(path: path, value: "\(located.anyValue)", origin: located.origin))
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first { walk(wrapped.value, path: path, into: &out) }
        case .collection:
            for (index, child) in mirror.children.enumerated() { walk(child.value, path: "\(path)[\(index)]", into: &out) }
        case .struct:
            for child in mirror.children {
                guard let label = child.label, label != "origin" else { continue }
                walk(child.value, path: path.isEmpty ? label : "\(path).\(label)", into: &out)
            }
        default:
            break
        }
    }

    /// Where each spec object of the model was declared: the origin without a property that
    /// every model object carries.
    static func declarations(_ model: SystemModel) -> [String: Origin] {
        var out: [String: Origin] = [:]
        collect(model, into: &out)
        return out
    }

    private static func collect(_ value: Any, into out: inout [String: Origin]) {
        if let origin = value as? Origin {
            if origin.property == nil, out[origin.subject] == nil { out[origin.subject] = origin }
            return
        }
        if value is AnyLocated { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional, .collection, .struct:
            for child in mirror.children { collect(child.value, into: &out) }
        default:
            break
        }
    }
}
