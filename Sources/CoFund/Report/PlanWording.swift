/// Puts rows, columns, rules, repairs and conflicts of a compiled plan into words.
struct PlanWording {
    let structure: PlanStructure
    let words: Localizer

    private func t(_ vi: String, _ en: String) -> String { words.t(vi, en) }

    func sourceName(_ id: String) -> String { structure.plan.source(id)?.name.text(words.language) ?? id }

    private func capitalSuffix(_ c: CapitalType?) -> String { c.map { " (\(words.capital($0)))" } ?? "" }

    func row(_ meaning: RowMeaning) -> String {
        switch meaning {
        case .funded(let p): t("tổng vốn của \(p)", "the total for \(p)")
        case .source(let s): t("hạn mức nguồn \(sourceName(s))", "the limit of \(sourceName(s))")
        case .need(let p, let c): t("nhu cầu (trần) của \(p)", "the ceiling (need) of \(p)") + capitalSuffix(c)
        case .floor(let p, let c): t("mức sàn của \(p)", "the floor of \(p)") + capitalSuffix(c)
        case .fixed(let p, let s): t("số cố định từ \(sourceName(s)) cho \(p)", "the fixed amount from \(sourceName(s)) to \(p)")
        case .rule(let id, let instance): t("quy tắc \(id)", "rule \(id)") + (instance.map { " [\($0)]" } ?? "")
        case .stage(let k): t("mục tiêu giai đoạn \(k + 1)", "objective stage \(k + 1)")
        case .deviation(let p, let s): t("mục tiêu của \(p)", "the target of \(p)") + (s.map { " (\(sourceName($0)))" } ?? "")
        }
    }

    func column(_ meaning: ColumnMeaning, rows: [RowMeaning]) -> String {
        switch meaning {
        case .allocation(let key):
            t("khoản \(sourceName(key.source)) (\(words.capital(key.capital))) cho \(key.project)",
              "the allocation of \(sourceName(key.source)) (\(words.capital(key.capital))) to \(key.project)")
        case .funded(let p): t("tổng vốn của \(p)", "the total for \(p)")
        case .overTarget(let p, _): t("phần vượt mục tiêu của \(p)", "the excess over the target of \(p)")
        case .underTarget(let p, _): t("phần thiếu so với mục tiêu của \(p)", "the shortfall from the target of \(p)")
        case .relaxation(let row, _): t("nới lỏng ", "relaxing ") + self.row(rows[row])
        }
    }

    func ruleDescription(_ rule: Rule) -> String {
        if let text = rule.description { return text.text(words.language) }
        switch rule.kind {
        case .counterpart(let levels, let of, let ratio, let scope, let capital):
            let counted = levels.map(words.level).joined(separator: " + ")
            let base = of.map(words.level).joined(separator: " + ")
            let r = words.percent(structure.ratio(ratio))
            let over: String = switch scope {
            case .plan: t("toàn kế hoạch", "the whole plan")
            case .project(let code): code
            case .eachProject: t("từng dự án", "each project")
            case .eachSubproject: t("từng tiểu dự án", "each sub-project")
            }
            return t("vốn \(counted) ≥ \(r) vốn \(base), trên \(over)", "\(counted) money ≥ \(r) of \(base) money, over \(over)")
                + capitalSuffix(capital)
        case .share(let project, let atMost, let atLeast, _):
            var parts: [String] = []
            if let atLeast { parts.append("≥ \(words.percent(atLeast))") }
            if let atMost { parts.append("≤ \(words.percent(atMost))") }
            return t("phần của \(project) \(parts.joined(separator: ", ")) tổng vốn", "share of \(project) \(parts.joined(separator: ", ")) of the total")
        case .bar(let source, let projects):
            return t("không dùng \(sourceName(source)) cho \(projects.joined(separator: ", "))",
                     "no \(sourceName(source)) for \(projects.joined(separator: ", "))")
        case .investmentOnly(let projects):
            return t("vốn ĐTPT chỉ cho \(projects.joined(separator: ", "))", "investment money only for \(projects.joined(separator: ", "))")
        }
    }

    func repair(_ repair: Repair) -> String {
        let amount = "\(words.amount(abs(repair.amount))) \(words.millionUnit)"
        switch repair.kind {
        case .moreMoney:
            return t("\(sourceName(repair.subject)): cần thêm \(amount) so với số hiện có",
                     "\(sourceName(repair.subject)): \(amount) more than is available")
        case .spendLess:
            return t("\(sourceName(repair.subject)): chi ít hơn \(amount) so với số phải chi hết",
                     "\(sourceName(repair.subject)): spend \(amount) less than the amount that must be spent in full")
        case .raiseNeed:
            return t("nâng nhu cầu (trần) của \(repair.subject)\(capitalWord(repair.instance)) thêm \(amount)",
                     "raise the ceiling (need) of \(repair.subject)\(capitalWord(repair.instance)) by \(amount)")
        case .lowerFloor:
            return t("hạ mức sàn của \(repair.subject)\(capitalWord(repair.instance)) \(amount)",
                     "lower the floor of \(repair.subject)\(capitalWord(repair.instance)) by \(amount)")
        case .changeFixed:
            let direction = repair.amount > 0 ? t("tăng", "raise") : t("giảm", "lower")
            let source = repair.instance.map(sourceName) ?? ""
            return t("\(direction) số cố định từ \(source) cho \(repair.subject) \(amount)",
                     "\(direction) the fixed amount from \(source) to \(repair.subject) by \(amount)")
        case .relaxRule:
            let instance = repair.instance.map { " [\($0)]" } ?? ""
            if let required = repair.requiredRatio, let reached = repair.reachedRatio {
                return t("quy tắc \(repair.subject)\(instance): thiếu \(amount) so với yêu cầu — chỉ đạt \(words.percent(reached)) thay vì \(words.percent(required)) (cần nới quy tắc hoặc bổ sung vốn)",
                         "rule \(repair.subject)\(instance): \(amount) short of what it requires — \(words.percent(reached)) reached instead of \(words.percent(required)) (relax the rule or add money)")
            }
            return t("quy tắc \(repair.subject)\(instance): thiếu \(amount) so với yêu cầu (cần nới quy tắc hoặc bổ sung vốn)",
                     "rule \(repair.subject)\(instance): \(amount) short of what it requires (relax the rule or add money)")
        }
    }

    private func capitalWord(_ raw: String?) -> String {
        guard let raw, let c = CapitalType(rawValue: raw) else { return "" }
        return " (\(words.capital(c)))"
    }

    func missing(_ input: MissingInput) -> String {
        switch input.kind {
        case .sourceAmount:
            t("chưa nêu số vốn có của \(sourceName(input.subject)); cần ghi `available:`",
              "no amount available is stated for \(sourceName(input.subject)); give `available:`")
        case .need:
            t("chưa nêu nhu cầu (trần) của \(input.subject); cần ghi `need:`, hoặc `allocate: false` kèm ghi chú nếu kế hoạch bố trí vốn ở nơi khác",
              "no need (ceiling) is stated for \(input.subject); give `need:`, or `allocate: false` with a note if the plan funds it elsewhere")
        case .noProjects: t("không có dự án nào được phân bổ vốn trong kế hoạch", "no project receives money in this plan")
        case .noSources: t("kế hoạch không có nguồn vốn nào", "the plan lists no funding source")
        }
    }

    /// "the ceiling (need) of DA2 (investment): 1,200 million VND", from the project's own figure.
    private func limit(_ what: String, _ conflict: Conflict, _ amounts: KeyPath<Project, CapitalAmounts>) -> String {
        let figures = structure.project(conflict.subject)?[keyPath: amounts]
        let capital = conflict.detail.flatMap(CapitalType.init(rawValue:))
        let value = capital.flatMap { figures?.byCapital[$0] } ?? figures?.total
        return "\(what) \(conflict.subject)\(capitalWord(conflict.detail)): \(value.map { words.amount($0) } ?? "?") \(words.millionUnit)"
    }

    func conflict(_ conflict: Conflict) -> String {
        switch conflict.kind {
        case .source:
            guard let source = structure.plan.source(conflict.subject) else { return conflict.subject }
            let amount = source.available.map { words.amount($0) } ?? "?"
            return source.spendInFull
                ? t("\(source.name.text(.vi)): \(amount) \(words.millionUnit), phải chi hết",
                    "\(source.name.text(.en)): \(amount) \(words.millionUnit), to be spent in full")
                : t("\(source.name.text(.vi)): tối đa \(amount) \(words.millionUnit)",
                    "\(source.name.text(.en)): at most \(amount) \(words.millionUnit)")
        case .need: return limit(t("nhu cầu (trần) của", "the ceiling (need) of"), conflict, \.need)
        case .floor: return limit(t("mức sàn của", "the floor of"), conflict, \.floor)
        case .fixed:
            let value = conflict.detail.flatMap { structure.project(conflict.subject)?.fixed[$0] }
            return t("số cố định từ \(conflict.detail.map(sourceName) ?? "") cho \(conflict.subject): \(value.map { words.amount($0) } ?? "?")",
                     "the fixed amount from \(conflict.detail.map(sourceName) ?? "") to \(conflict.subject): \(value.map { words.amount($0) } ?? "?")")
        case .rule:
            guard let rule = structure.loaded.rules.first(where: { $0.id == conflict.subject }) else { return conflict.subject }
            return t("quy tắc \(rule.id): ", "rule \(rule.id): ") + ruleDescription(rule)
        }
    }
}
