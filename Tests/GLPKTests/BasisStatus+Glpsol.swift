import LinearProgramming

extension BasisStatus {
    /// The two-letter code glpsol prints (BS, NL, NU, NF, NS): a GLPK detail, kept out of the
    /// solver-neutral layer and used only to compare with glpsol's reports.
    var glpsolCode: String {
        switch self {
        case .basic: "BS"
        case .atLower: "NL"
        case .atUpper: "NU"
        case .free: "NF"
        case .fixed: "NS"
        }
    }
}
