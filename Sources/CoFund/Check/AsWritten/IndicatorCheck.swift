/// Figures that are not money: a rate or share above 100%, a negative count, and each indicator's
/// relation to the other figures of the document (a target its own table does not reach).
struct IndicatorCheck {
    /// A printed figure and the half unit it may be off by (0 for a count).
    struct Printed {
        let value: Double
        let half: Double
        var lower: Double { value - half }
        var upper: Double { value + half }
    }

    let plan: Plan
    /// A figure of the area table by row id and column, with its printed decimals (nil for a count).
    let areaFigure: (String, String) -> (value: Double, decimals: Int?)?

    private let byId: [String: Indicator]

    init(_ plan: Plan, areaFigure: @escaping (String, String) -> (value: Double, decimals: Int?)? = { _, _ in nil }) {
        self.plan = plan
        self.areaFigure = areaFigure
        byId = Dictionary(plan.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func half(_ decimals: Int?) -> Double {
        guard let decimals, decimals >= 0 else { return 0 }
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        return unit / 2
    }

    /// A reference's figure, or nil when it names nothing.
    func printed(_ reference: String) -> Printed? {
        if let indicator = byId[reference] { return Printed(value: indicator.value, half: Self.half(indicator.decimals)) }
        let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let figure = areaFigure(parts[0], parts[1]) else { return nil }
        return Printed(value: figure.value, half: Self.half(figure.decimals))
    }

    /// The expression on the printed figures, and the interval rounding allows it.
    func evaluate(_ expression: FigureExpression) -> (value: Double, lower: Double, upper: Double)? {
        let figures = expression.references.map(printed)
        guard figures.allSatisfy({ $0 != nil }) else { return nil }
        let f = figures.map { $0! }
        switch expression {
        case .figure: return (f[0].value, f[0].lower, f[0].upper)
        case .sum:
            return (f.reduce(0) { $0 + $1.value }, f.reduce(0) { $0 + $1.lower }, f.reduce(0) { $0 + $1.upper })
        case .difference: return (f[0].value - f[1].value, f[0].lower - f[1].upper, f[0].upper - f[1].lower)
        case .share(let part, _):
            let p = f.prefix(part.count), w = f.dropFirst(part.count)
            let pv = p.reduce(0) { $0 + $1.value }, wv = w.reduce(0) { $0 + $1.value }
            let pl = p.reduce(0) { $0 + $1.lower }, ph = p.reduce(0) { $0 + $1.upper }
            let wl = w.reduce(0) { $0 + $1.lower }, wh = w.reduce(0) { $0 + $1.upper }
            guard wv > 0, wl > 0 else { return nil }
            return (100 * pv / wv, 100 * pl / wh, 100 * ph / wl)
        }
    }

    func run() -> CheckFindings {
        var found = CheckFindings()
        for indicator in plan.indicators {
            let subject = Message(.labelledText, .localized(indicator.name.vi.isEmpty ? LocalizedText(vi: indicator.id) : indicator.name))
            let isPercent = indicator.unit?.hasPrefix("%") ?? false
            if indicator.value < 0 {
                found.findings.append(Finding(.error, .impossible, subject: subject, location: indicator.location,
                                              quantity: isPercent ? .percent : .count, stated: indicator.value,
                                              statement: Message(.checkNegativeFigure, .message(subject), .number(indicator.value))))
                continue
            }
            if isPercent && indicator.value > 100 {
                found.findings.append(Finding(.error, .impossible, subject: subject, location: indicator.location, quantity: .percent,
                                              stated: indicator.value, expected: 100,
                                              statement: Message(.checkAboveHundred, .message(subject), .number(indicator.value))))
                continue
            }
            if let relation = indicator.relation, let finding = check(indicator, relation, subject: subject) {
                found.findings.append(finding)
            } else {
                found.held += 1
            }
        }
        return found
    }

    /// The nearest values of the indicators whose relation fails, at their printed precision: a target
    /// the plan's own figures do not reach is brought down (or up) to what they give.
    func repairs() -> [(indicator: Indicator, value: Double)] {
        plan.indicators.compactMap { indicator in
            guard let relation = indicator.relation, let e = evaluate(relation.expression) else { return nil }
            let v = indicator.value, tolerance = 1e-9 * max(1, abs(v))
            let scale = (0..<(indicator.decimals ?? 0)).reduce(1.0) { value, _ in value * 10 }
            let value: Double
            switch relation.comparison {
            case .equal:
                guard abs(v - e.value) > tolerance else { return nil }
                value = (e.value * scale).rounded(.toNearestOrAwayFromZero) / scale
            case .atMost:
                guard v > e.value + tolerance else { return nil }
                value = (e.value * scale + 1e-9).rounded(.down) / scale
            case .atLeast:
                guard v < e.value - tolerance else { return nil }
                value = (e.value * scale - 1e-9).rounded(.up) / scale
            }
            return (indicator, value)
        }
    }

    /// The verdict on one relation: exact on the printed figures, within their printed precision, or not.
    private func check(_ indicator: Indicator, _ relation: IndicatorRelation, subject: Message) -> Finding? {
        guard let e = evaluate(relation.expression) else { return nil }
        let v = indicator.value, h = Self.half(indicator.decimals)
        let tolerance = 1e-9 * max(1, abs(v))
        let holds: Bool, beyond: Double
        switch relation.comparison {
        case .equal: holds = abs(v - e.value) <= tolerance; beyond = max(0, e.lower - (v + h), (v - h) - e.upper)
        case .atMost: holds = v <= e.value + tolerance; beyond = max(0, (v - h) - e.upper)
        case .atLeast: holds = v >= e.value - tolerance; beyond = max(0, e.lower - (v + h))
        }
        if holds { return nil }
        let kind: Finding.Kind = relation.comparison == .equal ? .total : .target
        let quantity: Finding.Quantity = indicator.decimals == nil ? .count : .percent
        // "At least" and "at most" are said as such: Kim Bảng's 1.78% is wrong for being below 2.5, not for
        // differing from it.
        let key: MessageKey = switch relation.comparison {
        case .equal: .checkIndicatorRelation
        case .atLeast: .checkIndicatorAtLeast
        case .atMost: .checkIndicatorAtMost
        }
        let statement = Message(key, .message(subject), .number(v), .number(e.value))
        let beyondRounding = beyond > tolerance ? beyond : nil
        return Finding(beyondRounding == nil ? .withinRounding : .error, kind, subject: subject, location: indicator.location,
                       quantity: quantity, stated: v, expected: e.value, beyondRounding: beyondRounding, statement: statement)
    }
}
