import LinearProgramming

/// LPs shared by several test files.
enum Fixtures {
    /// A non-trivial, non-degenerate maximisation for the glpsol ranging cross-check: 7 rows (<=, >=, =, one
    /// ranged row), 8 columns with upper, lower, double, free-ish and fixed bounds, and an objective
    /// constant. Its optimal basis is unique: every basic variable lies strictly inside its bounds and every
    /// non-basic one has a non-zero reduced cost (checked by `rangingProgramIsNonDegenerate`).
    static let rangingProgram = makeProgram(
        "ranging", sense: .maximize, constant: 3.5,
        columns: [
            ("x1", .between(0, 8), 4),
            ("x2", .atLeast(1), 4),
            ("x3", .between(0, 10), 3),
            ("x4", .between(-5, 9), 6),
            ("x5", .nonNegative, 2),
            ("x6", .between(0, 12), 7),
            ("x7", .nonNegative, 1),
            ("x8", .exactly(2), -2),
        ],
        rows: [
            ("cap", .atMost(60), [(0, 2), (1, 3), (2, 1), (3, 4), (4, 1), (5, 2), (7, 1)]),
            ("cover", .atLeast(10), [(0, 1), (1, 1), (2, 2), (3, 1), (4, 3), (5, 1), (6, 1)]),
            ("bal", .exactly(40), [(0, 3), (1, 1), (2, 2), (3, 1), (5, 2), (6, 1), (7, -1)]),
            ("band", .between(5, 20), [(1, 1), (3, 1), (4, -1), (5, 1)]),
            ("lab", .atMost(35), [(0, 1), (2, 2), (5, 1), (6, 3)]),
            ("mat", .atMost(45), [(1, 4), (2, 1), (4, 1), (6, 2), (7, 1)]),
            ("mix", .atLeast(-4), [(0, 1), (2, -1), (3, 1)]),
        ])

    // Textbook LPs. The optimal values are derived by hand in TextbookLPTests, next to the checks.

    /// Hillier & Lieberman's Wyndor Glass Co.: max 3x1 + 5x2, x1 <= 4, 2x2 <= 12, 3x1 + 2x2 <= 18.
    static let wyndor = makeProgram(
        "wyndor", sense: .maximize,
        columns: [("x1", .nonNegative, 3), ("x2", .nonNegative, 5)],
        rows: [
            ("plant1", .atMost(4), [(0, 1)]),
            ("plant2", .atMost(12), [(1, 2)]),
            ("plant3", .atMost(18), [(0, 3), (1, 2)]),
        ])

    /// A diet-style covering problem: min 2x + 3y, x + y >= 4, x + 3y >= 6.
    static let diet = makeProgram(
        "diet", sense: .minimize,
        columns: [("x", .nonNegative, 2), ("y", .nonNegative, 3)],
        rows: [("energy", .atLeast(4), [(0, 1), (1, 1)]), ("protein", .atLeast(6), [(0, 1), (1, 3)])])

    /// Primal degenerate: three constraints meet at the optimum (2, 2) of a two-variable problem.
    /// max 3x + 2y, x + y <= 4, x <= 2, 2x + y <= 6.
    static let degenerate = makeProgram(
        "degenerate", sense: .maximize,
        columns: [("x", .nonNegative, 3), ("y", .nonNegative, 2)],
        rows: [
            ("sum", .atMost(4), [(0, 1), (1, 1)]),
            ("xcap", .atMost(2), [(0, 1)]),
            ("mix", .atMost(6), [(0, 2), (1, 1)]),
        ])

    /// Infeasible through contradictory rows: x + y <= 2 and x + y >= 5.
    static let infeasibleRows = makeProgram(
        "infeasible", sense: .minimize,
        columns: [("x", .nonNegative, 1), ("y", .nonNegative, 1)],
        rows: [("low", .atMost(2), [(0, 1), (1, 1)]), ("high", .atLeast(5), [(0, 1), (1, 1)])])

    /// Infeasible through column bounds: x, y in [0, 1] but x + y >= 3.
    static let infeasibleBounds = makeProgram(
        "infeasible2", sense: .maximize,
        columns: [("x", .between(0, 1), 1), ("y", .between(0, 1), 1)],
        rows: [("need", .atLeast(3), [(0, 1), (1, 1)])])

    /// Unbounded: max x + y with x - y <= 1, x, y >= 0 (the ray (1, 1) stays feasible).
    static let unbounded = makeProgram(
        "unbounded", sense: .maximize,
        columns: [("x", .nonNegative, 1), ("y", .nonNegative, 1)],
        rows: [("gap", .atMost(1), [(0, 1), (1, -1)])])

    /// Equality-heavy: min x1 + 2x2 + 3x3 + 4x4 with three equality rows and one degree of freedom.
    static let equalities = makeProgram(
        "equalities", sense: .minimize,
        columns: [("x1", .nonNegative, 1), ("x2", .nonNegative, 2), ("x3", .nonNegative, 3), ("x4", .nonNegative, 4)],
        rows: [
            ("total", .exactly(10), [(0, 1), (1, 1), (2, 1), (3, 1)]),
            ("pair", .exactly(2), [(0, 1), (1, -1)]),
            ("ratio", .exactly(1), [(2, 1), (3, -2)]),
        ])

    /// A free column x, a fixed column y = 3 and an ordinary one: min x + 2y + 3z,
    /// x + y + z >= 2, x - z >= -4.
    static let freeAndFixed = makeProgram(
        "freefixed", sense: .minimize,
        columns: [("x", .free, 1), ("y", .exactly(3), 2), ("z", .nonNegative, 3)],
        rows: [("cover", .atLeast(2), [(0, 1), (1, 1), (2, 1)]), ("link", .atLeast(-4), [(0, 1), (2, -1)])])

    /// A column stopped by its upper bound: max 2x + 3y, x + y <= 5, x in [0, 4], y in [0, 2].
    static let columnAtUpperBound = makeProgram(
        "colupper", sense: .maximize,
        columns: [("x", .between(0, 4), 2), ("y", .between(0, 2), 3)],
        rows: [("budget", .atMost(5), [(0, 1), (1, 1)])])
}
