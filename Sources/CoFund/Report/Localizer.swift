import Foundation

/// Words and number formats for one report language. Vietnamese writes 4.978 and 229,3; English
/// writes 4,978 and 229.3.
public struct Localizer: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private var locale: Locale { Locale(identifier: language == .vi ? "vi_VN" : "en_US") }

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// An amount of money, to one decimal where it has one.
    public func amount(_ value: Double) -> String {
        let cleaned = abs(value) < 0.05 ? 0 : value
        return cleaned.formatted(.number.locale(locale).precision(.fractionLength(0...1)))
    }

    /// A number with up to `digits` decimals (shadow prices, weights).
    public func number(_ value: Double, digits: Int = 4) -> String {
        if value == .infinity { return "+∞" }
        if value == -.infinity { return "-∞" }
        let cleaned = abs(value) < 1e-12 ? 0 : value
        return cleaned.formatted(.number.locale(locale).precision(.fractionLength(0...digits)))
    }

    /// A range of amounts (or, with `plain`, of numbers): "258.6 to 508.6", "258,6 đến 508,6"; an
    /// unlimited end is ±∞. Words, not "[a, b]", because a Vietnamese decimal comma makes "[258,6, 508,6]"
    /// ambiguous.
    public func range(_ lower: Double?, _ upper: Double?, plain: Bool = false) -> String {
        func format(_ value: Double) -> String { plain ? number(value) : amount(value) }
        let from = lower.map(format) ?? "-∞"
        let to = upper.map(format) ?? "+∞"
        return "\(from) \(t("đến", "to")) \(to)"
    }

    public func percent(_ ratio: Double) -> String {
        ratio.formatted(.percent.locale(locale).precision(.fractionLength(0...2)))
    }

    public var millionUnit: String { t("triệu đồng", "million VND") }

    public func capital(_ c: CapitalType) -> String {
        switch c {
        case .investment: t("ĐTPT", "investment")
        case .recurrent: t("SN", "recurrent")
        }
    }

    public func level(_ level: BudgetLevel) -> String {
        switch level {
        case .central: t("trung ương", "central")
        case .province: t("tỉnh", "province")
        case .district: t("huyện", "district")
        case .commune: t("xã", "commune")
        case .other: t("khác", "other")
        }
    }

    public func planLevel(_ raw: String) -> String {
        switch PlanLevel(rawValue: raw) {
        case .national: t("trung ương", "national")
        case .province: t("tỉnh", "province")
        case .district: t("huyện", "district")
        case .commune: t("xã", "commune")
        case nil: raw
        }
    }

    public func stage(_ stage: ObjectiveStage) -> String {
        switch stage {
        case .maximizeFundedNeed: t("tối đa nhu cầu được đáp ứng (có trọng số)", "maximise weighted funded need")
        case .minimizeLocalMoney: t("tối thiểu vốn ngân sách địa phương", "minimise local budget money")
        case .minimizeDeviation: t("tối thiểu chênh lệch so với mục tiêu", "minimise deviation from targets")
        case .maximizeCentralSpent: t("tối đa vốn trung ương được phân bổ", "maximise central money allocated")
        }
    }

    public func status(_ outcome: PlanOutcome, solver: String?) -> String {
        switch outcome {
        case .solved:
            t("Đã tìm được phương án phân bổ đáp ứng mọi quy tắc.", "An allocation meets every rule.")
        case .infeasible:
            t("Không có phương án phân bổ nào đáp ứng mọi quy tắc. Xem cách sửa nhỏ nhất và các quy tắc mâu thuẫn bên dưới.",
              "No allocation meets every rule. See the smallest repair and the conflicting rules below.")
        case .missingInputs:
            t("Kế hoạch chưa nêu các số liệu cần cho việc phân bổ; chưa giải. Cần bổ sung:",
              "The plan does not state amounts the allocation needs; nothing was solved. Missing:")
        case .unfinished:
            t("Bộ giải dừng sớm, trước khi chứng minh được kết quả tối ưu.", "The solver stopped early, before proving the answer optimal.")
                + (solver.map { " (\($0))" } ?? "")
        }
    }
}
