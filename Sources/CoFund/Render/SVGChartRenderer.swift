import Foundation

/// A line chart as a standalone SVG 1.1 document, in the reader's language and number format.
///
/// The output is a pure function of the chart and the language, byte for byte: coordinates are written
/// with two decimals by integer arithmetic (never through a locale), and everything is laid out from
/// arrays in their given order. A point that is not finite is left out; an empty panel says so.
public enum SVGChartRenderer {
    public static func render(_ chart: LineChart, language: Language) -> String {
        SVGChartDrawing(chart: chart, words: Localizer(language)).document()
    }
}

/// The colours of the series, in order: Okabe and Ito's palette, which stays distinct for readers with
/// any common colour-vision deficiency. Its yellow is left out, since it is hard to see on white. Past
/// the seventh series the colours repeat with a dash pattern, so no two series look the same before 21.
enum ChartPalette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
    static let dashes = ["", "8 4", "2 3"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// The stroke-dasharray attribute for a series, or nothing for a solid line.
    static func dashAttribute(_ index: Int) -> String {
        let dash = dashes[(index / colours.count) % dashes.count]
        return dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
    }
}

/// An axis's range and its ticks at a "nice" step (1, 2 or 5 times a power of ten), so the tick labels
/// are round numbers a reader can interpolate between.
struct ChartScale: Equatable {
    var low: Double
    var high: Double
    var ticks: [Double]
    /// Decimals a tick label needs at this step (0.5 needs one, 20 none).
    var digits: Int

    /// The scale covering `values` (the finite ones; none gives 0 to 1). A single value gets a span
    /// around it, so a flat line sits in the middle of its panel instead of dividing by zero.
    static func covering(_ values: [Double], targetTicks: Int = 5) -> ChartScale {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return covering([0, 1], targetTicks: targetTicks) }
        if high == low {
            let pad = abs(low) * 0.1
            let usable = pad > 0 && low - pad < low && low + pad > low
            low -= usable ? pad : 1
            high += usable ? pad : 1
            low = max(low, -.greatestFiniteMagnitude)
            high = min(high, .greatestFiniteMagnitude)
        }
        let span = high - low
        guard span.isFinite, span > 0 else { return ChartScale(low: low, high: high, ticks: [low, high], digits: 0) }
        var exponent = (log10(span / Double(targetTicks))).rounded(.down)
        let mantissa = span / Double(targetTicks) / pow(10, exponent)
        let multiple: Double
        switch mantissa {
        case ..<1.5: multiple = 1
        case ..<3: multiple = 2
        case ..<7: multiple = 5
        default: multiple = 1; exponent += 1
        }
        let step = multiple * pow(10, exponent)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        // At most 50 ticks; past 2^53 steps from zero, multiples of the step are no longer distinct
        // doubles, so a range like that shows only its ends.
        guard step.isFinite, step > 0, last - first >= 1, last - first <= 50 else {
            return ChartScale(low: low, high: high, ticks: [low, high], digits: 0)
        }
        let ticks = (0...Int(last - first)).map { index -> Double in
            let tick = (first + Double(index)) * step
            return abs(tick) < step * 1e-9 ? 0 : tick
        }
        guard let lowTick = ticks.first, let highTick = ticks.last, lowTick.isFinite, highTick.isFinite, highTick > lowTick else {
            return ChartScale(low: low, high: high, ticks: [low, high], digits: 0)
        }
        return ChartScale(low: lowTick, high: highTick, ticks: ticks, digits: min(10, max(0, -Int(exponent))))
    }

    /// Where `value` falls between low (0) and high (1). Halves first, so a span wider than the largest
    /// double still divides; 0.5 when nothing sensible can be said.
    func fraction(_ value: Double) -> Double {
        let fraction = (value / 2 - low / 2) / (high / 2 - low / 2)
        return fraction.isFinite ? fraction : 0.5
    }
}

/// Writing SVG text safely and the same way on every machine.
enum SVGText {
    /// Text for an element or attribute: the five XML specials escaped, and any character XML 1.0 does
    /// not allow even escaped (most controls) replaced by U+FFFD, so the document always parses.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r", "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"..."\u{10FFFF}":
                out.unicodeScalars.append(scalar)
            default: out += "\u{FFFD}"
            }
        }
        return out
    }

    /// A coordinate with two decimals ("12.50", "-3.00"), by integer arithmetic: no locale, no
    /// platform formatting. Coordinates are within the page, so the clamp only guards nonsense.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0.00" }
        let hundredths = Int((min(max(value, -1e12), 1e12) * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A rough width of `text` at `fontSize`, to lay labels out without a font: 0.6 em per character.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.6 }
}

/// The drawing of one chart: the page's layout, then each panel from the top.
struct SVGChartDrawing {
    let chart: LineChart
    let words: Localizer
    static let width = 900.0
    static let margin = 20.0
    static let titleHeight = 44.0
    static let panelTitleHeight = 26.0
    static let plotHeight = 200.0
    static let markerRowHeight = 14.0
    static let markerFontSize = 11.0
    static let maxMarkerRows = 3
    static let belowPlotHeight = 48.0
    static let legendRowHeight = 18.0
    static let panelGap = 18.0
    static let tickFontSize = 11.0
    static let plotRight = width - margin - 10

    /// One shared x scale, covering every panel's points and every marker, so the markers line up.
    let xScale: ChartScale
    /// The plot's left edge: room for the rotated y label and the widest y tick label of any panel, so
    /// all panels' plots line up.
    let plotLeft: Double
    let markerPlacements: [(marker: LineChart.Marker, row: Int)]

    init(chart: LineChart, words: Localizer) {
        self.chart = chart
        self.words = words
        let xs = chart.panels.flatMap { $0.series.flatMap { $0.points.filter(Self.drawable).map(\.x) } }
        xScale = ChartScale.covering(xs + chart.markers.map(\.x).filter(\.isFinite))
        let widest = chart.panels.flatMap { panel -> [String] in
            let scale = Self.yScale(panel)
            return scale.ticks.map { Self.tickLabel($0, scale, words) }
        }.map { SVGText.estimatedWidth($0, fontSize: Self.tickFontSize) }.max() ?? 0
        plotLeft = min(300, Self.margin + 24 + widest + 8)
        markerPlacements = Self.placeMarkers(chart.markers, words: words, xScale: xScale, left: plotLeft, right: Self.plotRight)
    }

    static func drawable(_ point: LineChart.Point) -> Bool { point.x.isFinite && point.y.isFinite }

    static func yScale(_ panel: LineChart.Panel) -> ChartScale {
        ChartScale.covering(panel.series.flatMap { $0.points.filter(Self.drawable).map(\.y) })
    }

    /// A tick's label with as many decimals as the step needs, in the reader's number format.
    static func tickLabel(_ value: Double, _ scale: ChartScale, _ words: Localizer) -> String {
        words.number(value, digits: scale.digits)
    }

    /// Marker labels placed in rows above the plot, so labels of close breakpoints do not overprint.
    static func placeMarkers(_ markers: [LineChart.Marker], words: Localizer, xScale scale: ChartScale, left: Double,
                             right: Double) -> [(marker: LineChart.Marker, row: Int)] {
        let shown = markers.enumerated().filter { $0.element.x.isFinite }
            .sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
        var rowEnds = [Double](repeating: -.infinity, count: Self.maxMarkerRows)
        return shown.map { marker in
            let x = left + scale.fraction(marker.x) * (right - left)
            let halfWidth = SVGText.estimatedWidth(words.text(marker.label), fontSize: Self.markerFontSize) / 2
            let row = rowEnds.firstIndex { $0 + 6 < x - halfWidth } ?? rowEnds.indices.min { rowEnds[$0] < rowEnds[$1] }!
            rowEnds[row] = x + halfWidth
            return (marker, row)
        }
    }

    var markerRows: Int { (markerPlacements.map(\.row).max() ?? -1) + 1 }

    /// Legend entries fit two to a row unless a name is long.
    func legendColumns(_ panel: LineChart.Panel) -> Int {
        panel.series.allSatisfy { words.text($0.name).count <= 55 } ? 2 : 1
    }

    func legendRows(_ panel: LineChart.Panel) -> Int {
        let columns = legendColumns(panel)
        return (panel.series.count + columns - 1) / columns
    }

    func panelHeight(_ panel: LineChart.Panel) -> Double {
        Self.panelTitleHeight + Double(markerRows) * Self.markerRowHeight + 6 + Self.plotHeight + Self.belowPlotHeight
            + Double(legendRows(panel)) * Self.legendRowHeight + Self.panelGap
    }

    func document() -> String {
        let height = (Self.titleHeight + chart.panels.map(panelHeight).reduce(0, +) + Self.margin).rounded(.up)
        let w = SVGText.coordinate(Self.width), h = SVGText.coordinate(height)
        let title = SVGText.escaped(words.text(chart.title))
        var out = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
                + " font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"12\" fill=\"#222222\">",
            "<title>\(title)</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>",
            "<text x=\"\(SVGText.coordinate(Self.width / 2))\" y=\"28.00\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\">\(title)</text>",
        ]
        let scale = xScale
        var top = Self.titleHeight
        for panel in chart.panels {
            out += panelElements(panel, top: top, xScale: scale)
            top += panelHeight(panel)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// A panel's title, grid, axes, ticks, lines, markers and legend, from `top` down.
    func panelElements(_ panel: LineChart.Panel, top: Double, xScale: ChartScale) -> [String] {
        let c = SVGText.coordinate
        let left = plotLeft, right = Self.plotRight
        let plotTop = top + Self.panelTitleHeight + Double(markerRows) * Self.markerRowHeight + 6
        let plotBottom = plotTop + Self.plotHeight
        let yScale = Self.yScale(panel)
        func x(_ value: Double) -> Double { left + xScale.fraction(value) * (right - left) }
        func y(_ value: Double) -> Double { plotBottom - yScale.fraction(value) * Self.plotHeight }

        var out = ["<g class=\"panel\">"]
        out.append("<text x=\"\(c(left))\" y=\"\(c(top + 18))\" font-size=\"14\" font-weight=\"bold\">\(SVGText.escaped(words.text(panel.title)))</text>")
        for tick in yScale.ticks {
            out.append("<line x1=\"\(c(left))\" y1=\"\(c(y(tick)))\" x2=\"\(c(right))\" y2=\"\(c(y(tick)))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>")
            out.append("<text x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(SVGText.escaped(Self.tickLabel(tick, yScale, words)))</text>")
        }
        for tick in xScale.ticks {
            out.append("<line x1=\"\(c(x(tick)))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x(tick)))\" y2=\"\(c(plotBottom + 5))\" stroke=\"#333333\" stroke-width=\"1\"/>")
            out.append("<text x=\"\(c(x(tick)))\" y=\"\(c(plotBottom + 18))\" font-size=\"11\" text-anchor=\"middle\">\(SVGText.escaped(Self.tickLabel(tick, xScale, words)))</text>")
        }
        out.append("<path d=\"M \(c(left)) \(c(plotTop)) L \(c(left)) \(c(plotBottom)) L \(c(right)) \(c(plotBottom))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>")
        out.append("<text x=\"\(c((left + right) / 2))\" y=\"\(c(plotBottom + 38))\" text-anchor=\"middle\">\(SVGText.escaped(words.text(chart.xLabel)))</text>")
        let yLabelX = c(Self.margin + 4), yLabelY = c((plotTop + plotBottom) / 2)
        out.append("<text x=\"\(yLabelX)\" y=\"\(yLabelY)\" transform=\"rotate(-90 \(yLabelX) \(yLabelY))\" text-anchor=\"middle\" dominant-baseline=\"hanging\">\(SVGText.escaped(words.text(panel.yLabel)))</text>")

        out += markerElements(plotTop: plotTop, plotBottom: plotBottom, x: x)
        var drewAPoint = false
        for (index, series) in panel.series.enumerated() {
            let points = series.points.filter(Self.drawable)
            guard !points.isEmpty else { continue }
            drewAPoint = true
            let colour = ChartPalette.colour(index), name = SVGText.escaped(words.text(series.name))
            if points.count == 1 {
                out.append("<circle cx=\"\(c(x(points[0].x)))\" cy=\"\(c(y(points[0].y)))\" r=\"4\" fill=\"\(colour)\"><title>\(name)</title></circle>")
            } else {
                let coordinates = points.map { "\(c(x($0.x))),\(c(y($0.y)))" }.joined(separator: " ")
                out.append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                    + "\(ChartPalette.dashAttribute(index)) stroke-linejoin=\"round\"><title>\(name)</title></polyline>")
            }
        }
        if !drewAPoint {
            out.append("<text x=\"\(c((left + right) / 2))\" y=\"\(c((plotTop + plotBottom) / 2))\" text-anchor=\"middle\" fill=\"#777777\">\(SVGText.escaped(words.text(.chartNoData)))</text>")
        }
        out += legendElements(panel, top: plotBottom + Self.belowPlotHeight)
        out.append("</g>")
        return out
    }

    /// Each breakpoint as a dashed vertical line through the plot, its label above the plot in its row.
    func markerElements(plotTop: Double, plotBottom: Double, x: (Double) -> Double) -> [String] {
        let c = SVGText.coordinate
        let rows = markerRows
        return markerPlacements.flatMap { placement -> [String] in
            let at = x(placement.marker.x)
            let label = words.text(placement.marker.label)
            let halfWidth = SVGText.estimatedWidth(label, fontSize: Self.markerFontSize) / 2
            let labelX = min(max(at, halfWidth + 2), Self.width - halfWidth - 2)
            let baseline = plotTop - 6 - Double(rows - 1 - placement.row) * Self.markerRowHeight
            return [
                "<line x1=\"\(c(at))\" y1=\"\(c(baseline + 3))\" x2=\"\(c(at))\" y2=\"\(c(plotBottom))\" stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"5 4\"/>",
                "<text x=\"\(c(labelX))\" y=\"\(c(baseline))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555555\">\(SVGText.escaped(label))</text>",
            ]
        }
    }

    /// The series' names in rows under the panel, each after a short line in its colour and dash.
    func legendElements(_ panel: LineChart.Panel, top: Double) -> [String] {
        let c = SVGText.coordinate
        let columns = legendColumns(panel)
        let columnWidth = (Self.plotRight - plotLeft) / Double(columns)
        return panel.series.enumerated().flatMap { index, series -> [String] in
            let left = plotLeft + Double(index % columns) * columnWidth
            let middle = top + Double(index / columns) * Self.legendRowHeight + Self.legendRowHeight / 2
            return [
                "<line x1=\"\(c(left))\" y1=\"\(c(middle))\" x2=\"\(c(left + 24))\" y2=\"\(c(middle))\" stroke=\"\(ChartPalette.colour(index))\" stroke-width=\"3\"\(ChartPalette.dashAttribute(index))/>",
                "<text x=\"\(c(left + 30))\" y=\"\(c(middle + 4))\">\(SVGText.escaped(words.text(series.name)))</text>",
            ]
        }
    }
}
