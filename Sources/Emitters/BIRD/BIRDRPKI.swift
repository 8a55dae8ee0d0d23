import Ontology
import Planner

/// `rpki.conf`: route origin validation (RFC 6811). ROA tables filled over RTR (RFC 8210) by a
/// `protocol rpki` per validator of the node; the import filters reject RPKI-invalid routes.
enum BIRDRPKI {
    /// RFC 8210 §6 defaults; a cache may send its own in End of Data, and BIRD then uses those.
    static let refresh = 3600
    static let retry = 600
    static let expire = 7200

    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        guard context.hasRPKI else {
            return BIRDFragment(
                name: "rpki.conf", title: "route origin validation over RTR", subjects: context.subjects([]),
                lines: ["# The node has no RPKI validator (tc:rpki): routes are not origin-validated."])
        }
        var lines = [
            "# ROAs from every validator below, merged; filters.conf rejects RPKI-invalid routes. The",
            "# BGP channels keep an import table, so BIRD re-runs their import filters whenever these",
            "# tables change (RFC 9324: no route refresh asked of the neighbours).",
            "roa4 table roa_v4;",
            "roa6 table roa_v6;",
        ]
        let symbols = context.validatorSymbols
        for validator in context.validators {
            let host = IPAddress(validator.host.value) != nil ? validator.host.value : BIRDMain.quoted(validator.host.value)
            lines += [
                "",
                "# \(validator.name) (\(validator.origin.subject)): RTR over TCP; timers from RFC 8210 §6.",
                "protocol rpki \(symbols[validator.name]) {",
                "    roa4 { table roa_v4; };",
                "    roa6 { table roa_v6; };",
                "    remote \(host) port \(validator.port.value);",
                "    refresh \(refresh);",
                "    retry \(retry);",
                "    expire \(expire);",
                "}",
            ]
        }
        return BIRDFragment(
            name: "rpki.conf", title: "route origin validation over RTR", subjects: context.subjects(context.validators.map(\.origin.subject)), lines: lines)
    }
}
