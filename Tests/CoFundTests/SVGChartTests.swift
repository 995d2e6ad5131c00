import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CoFund

// The sweep chart's promises: a standalone SVG that any XML parser reads, every word in the reader's
// language and number format, the same bytes for the same chart, no crash on degenerate data, and a
// picture a real browser draws (headless Chromium), not just well-formed markup.

@Suite struct SVGChartTests {
    static func named(_ text: String) -> Message { Message(.labelledText, .text(text)) }

    /// A sweep of the central budget: two projects' allocations and the objective, two breakpoints.
    static let sweep = LineChart(
        title: named("Phân bổ theo vốn trung ương"),
        xLabel: named("Vốn ngân sách trung ương hỗ trợ (triệu đồng)"),
        panels: [
            LineChart.Panel(id: "allocation", title: named("Phân bổ cho từng dự án"), yLabel: Message(.unitMillionVND), series: [
                LineChart.Series(id: "DA1", name: named("Đường giao thông xã Tân Biên"),
                                 points: [.init(x: 0, y: 0), .init(x: 1500, y: 900), .init(x: 3000, y: 1200), .init(x: 5000, y: 1200)]),
                LineChart.Series(id: "DA2", name: named("Trạm y tế <Kim Bảng> & \"chợ\" 'mới'"),
                                 points: [.init(x: 0, y: 100), .init(x: 1500, y: 600), .init(x: 3000, y: 1800), .init(x: 5000, y: 3800)]),
            ]),
            LineChart.Panel(id: "objective", title: Message(.columnObjective), yLabel: named("Giá trị mục tiêu"), series: [
                LineChart.Series(id: "objective", name: named("Tổng điểm ưu tiên"),
                                 points: [.init(x: 0, y: 2.5), .init(x: 1500, y: 7.25), .init(x: 3000, y: 9.5), .init(x: 5000, y: 10)]),
            ]),
        ],
        markers: [LineChart.Marker(x: 1500, label: named("Điểm gãy 1")), LineChart.Marker(x: 3000, label: named("Điểm gãy 2"))]
    )

    /// The document's root element, or a recorded issue when it does not parse.
    static func parsed(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try #require(document.rootElement())
    }

    /// Every text the reader sees, unescaped by the parser.
    static func texts(_ root: XMLElement) throws -> [String] {
        try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    }

    /// An attribute's value (FoundationXML's attribute(forName:) misses attributes of an element in the
    /// SVG namespace; XPath finds them).
    static func attribute(_ element: XMLElement, _ name: String) throws -> String? {
        try element.nodes(forXPath: "@\(name)").first?.stringValue
    }

    /// The geometric attributes' values that are not plain numbers: a NaN or an infinity that slipped
    /// into a coordinate shows here.
    static func nonNumericGeometry(_ root: XMLElement) throws -> [String] {
        let geometry = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "viewBox", "points", "d", "transform"]
        return try geometry.flatMap { name in try root.nodes(forXPath: "//@\(name)").compactMap(\.stringValue) }.filter { value in
            let bare = value.replacingOccurrences(of: "rotate(", with: "").replacingOccurrences(of: ")", with: "")
                .replacingOccurrences(of: "M ", with: "").replacingOccurrences(of: "L ", with: "")
            return bare.isEmpty || !bare.allSatisfy { "0123456789.-, ".contains($0) }
        }
    }

    // MARK: Structure

    @Test("the SVG parses, is sized, and shows every name, label and marker in both languages", arguments: Language.allCases)
    func everyWordIsShown(language: Language) throws {
        let words = Localizer(language)
        let svg = SVGChartRenderer.render(Self.sweep, language: language)
        let root = try Self.parsed(svg)
        #expect(root.localName == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")
        #expect(try Self.nonNumericGeometry(root).isEmpty)
        #expect(try Self.attribute(root, "width") == "900.00")
        #expect(try Self.attribute(root, "viewBox")?.hasPrefix("0 0 900.00 ") == true)
        let texts = try Self.texts(root)
        var expected = [words.text(Self.sweep.title), words.text(Self.sweep.xLabel)]
        for panel in Self.sweep.panels {
            expected += [words.text(panel.title), words.text(panel.yLabel)] + panel.series.map { words.text($0.name) }
        }
        expected += Self.sweep.markers.map { words.text($0.label) }
        for text in expected { #expect(texts.contains(text), "\(language): \"\(text)\" is not in the chart") }
        #expect(words.text(Self.sweep.panels[0].yLabel) == (language == .vi ? "triệu đồng" : "million VND"))
        // One line per series with more than a point, a dashed line per marker on each panel.
        #expect(try root.nodes(forXPath: "//*[local-name()='polyline']").count == 3)
        #expect(try root.nodes(forXPath: "//*[local-name()='line'][@stroke-dasharray='5 4']").count == 4)
        // A white page under everything.
        let background = try #require(try root.nodes(forXPath: "*[local-name()='rect']").first as? XMLElement)
        #expect(try Self.attribute(background, "fill") == "#ffffff")
    }

    @Test("XML's special characters in a name are escaped, and read back as written")
    func specialCharactersAreEscaped() throws {
        let svg = SVGChartRenderer.render(Self.sweep, language: .en)
        #expect(svg.contains("Trạm y tế &lt;Kim Bảng&gt; &amp; &quot;chợ&quot; &apos;mới&apos;"))
        #expect(!svg.contains("<Kim Bảng>"))
        #expect(try Self.texts(Self.parsed(svg)).contains("Trạm y tế <Kim Bảng> & \"chợ\" 'mới'"))
        // Characters XML forbids even escaped still give a parsable document.
        #expect(SVGText.escaped("a\u{1}b\u{FFFE}") == "a\u{FFFD}b\u{FFFD}")
    }

    @Test("the same chart gives the same bytes, also after a round trip through JSON")
    func deterministic() throws {
        let copy = try JSONDecoder().decode(LineChart.self, from: JSONEncoder().encode(Self.sweep))
        #expect(copy == Self.sweep)
        for language in Language.allCases {
            let first = SVGChartRenderer.render(Self.sweep, language: language)
            #expect(first == SVGChartRenderer.render(Self.sweep, language: language))
            #expect(first == SVGChartRenderer.render(copy, language: language))
        }
    }

    @Test("tick labels are in the reader's number format")
    func tickLabelsInTheReadersFormat() throws {
        let vi = try Self.texts(Self.parsed(SVGChartRenderer.render(Self.sweep, language: .vi)))
        let en = try Self.texts(Self.parsed(SVGChartRenderer.render(Self.sweep, language: .en)))
        // x runs 0 to 5,000 in steps of 1,000; the objective 2.5 to 10 in steps of 1 or 2.
        for label in ["0", "1.000", "2.000", "5.000"] { #expect(vi.contains(label), "vi lacks \(label)") }
        for label in ["0", "1,000", "2,000", "5,000"] { #expect(en.contains(label), "en lacks \(label)") }
        let halves = LineChart(title: Self.named("t"), xLabel: Self.named("x"), panels: [
            .init(id: "p", title: Self.named("p"), yLabel: Self.named("y"),
                  series: [.init(id: "s", name: Self.named("s"), points: [.init(x: 0, y: 0), .init(x: 1, y: 2.2)])]),
        ])
        #expect(try Self.texts(Self.parsed(SVGChartRenderer.render(halves, language: .vi))).contains("0,5"))
        #expect(try Self.texts(Self.parsed(SVGChartRenderer.render(halves, language: .en))).contains("0.5"))
    }

    @Test("nice ticks step by 1, 2 or 5 times a power of ten and cover the data")
    func niceTicks() {
        for (values, step) in [([0.0, 4.3], 1.0), ([0, 5000], 1000), ([2.5, 10], 2), ([-0.03, 0.07], 0.02), ([120, 980], 200)] {
            let scale = ChartScale.covering(values)
            #expect(scale.low <= values.min()! && scale.high >= values.max()!, "\(values): \(scale)")
            let steps = zip(scale.ticks.dropFirst(), scale.ticks).map { $0 - $1 }
            #expect(steps.allSatisfy { abs($0 - step) < step * 1e-9 }, "\(values): \(scale.ticks)")
        }
        // A flat or empty range still has a span, so nothing divides by zero.
        for values in [[7.0], [0.0], [], [.nan, .infinity], [1e308, 1e308], [-1.7e308, 1.7e308], [Double.leastNonzeroMagnitude]] {
            let scale = ChartScale.covering(values)
            #expect(scale.high > scale.low, "\(values): \(scale)")
            #expect(scale.fraction(values.first { $0.isFinite } ?? 0).isFinite)
        }
    }

    @Test("degenerate charts render to parsable SVG without a NaN or an infinity in it", arguments: Language.allCases)
    func degenerateCharts(language: Language) throws {
        func panel(_ points: [LineChart.Point], _ id: String = "p") -> LineChart.Panel {
            .init(id: id, title: Self.named("Panel \(id)"), yLabel: Self.named("y"),
                  series: [.init(id: "s", name: Self.named("Series \(id)"), points: points)])
        }
        func chart(_ panels: [LineChart.Panel], markers: [LineChart.Marker] = []) -> LineChart {
            LineChart(title: Self.named("Edge"), xLabel: Self.named("x"), panels: panels, markers: markers)
        }
        let many = (0..<25).map { LineChart.Series(id: "s\($0)", name: Self.named("S\($0)"), points: [.init(x: 0, y: Double($0)), .init(x: 1, y: 1)]) }
        let charts: [LineChart] = [
            chart([]),
            chart([.init(id: "empty", title: Self.named("Empty"), yLabel: Self.named("y"), series: [])]),
            chart([panel([])]),
            chart([panel([.init(x: 3, y: 4)])]),
            chart([panel([.init(x: 0, y: 5), .init(x: 1, y: 5), .init(x: 2, y: 5)])]),
            chart([panel([.init(x: 2, y: 1), .init(x: 2, y: 3)])]),
            chart([panel([.init(x: .nan, y: 1), .init(x: 1, y: .infinity), .init(x: 2, y: -.infinity), .init(x: .infinity, y: .nan)])]),
            chart([panel([.init(x: 0, y: 1), .init(x: .nan, y: 2), .init(x: 2, y: 3)])]),
            chart([panel([.init(x: -1.7e308, y: 1.7e308), .init(x: 1.7e308, y: -1.7e308)])]),
            chart([panel([.init(x: 0, y: 1e-300), .init(x: 1e-300, y: 0)])]),
            chart([panel([.init(x: 0, y: 0), .init(x: 1, y: 1)])], markers: [.init(x: .nan, label: Self.named("m")), .init(x: 50, label: Self.named("far")),
                                                                              .init(x: 0.5, label: Self.named("a")), .init(x: 0.5, label: Self.named("b")),
                                                                              .init(x: 0.5, label: Self.named("c")), .init(x: 0.5, label: Self.named("d"))]),
            chart([], markers: [.init(x: 1, label: Self.named("alone"))]),
            chart([.init(id: "many", title: Self.named("Many"), yLabel: Self.named("y"), series: many)]),
        ]
        for chart in charts {
            let svg = SVGChartRenderer.render(chart, language: language)
            let root = try Self.parsed(svg)
            #expect(root.localName == "svg")
            let nonNumeric = try Self.nonNumericGeometry(root)
            #expect(nonNumeric.isEmpty, "\(nonNumeric) in \(svg)")
        }
        let empty = try Self.texts(Self.parsed(SVGChartRenderer.render(charts[2], language: language)))
        #expect(empty.contains(Localizer(language).text(.chartNoData)))
        #expect(empty.contains("Series p"))
        // Colours cycle past the palette, with a dash pattern so the cycle is not mistaken for the first.
        let manyLines = SVGChartRenderer.render(charts.last!, language: language)
        #expect(manyLines.contains("stroke=\"#0072B2\" stroke-width=\"2\" stroke-dasharray=\"8 4\""))
    }

    // MARK: Drawn by a browser

    /// chromium or chromium-browser on PATH.
    static func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs a program (under `timeout`, so a hung browser fails the test instead of stalling the suite)
    /// and returns its exit status and standard output.
    static func run(_ arguments: [String], seconds: Int = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["timeout", String(seconds)] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Decodes an 8-bit RGB or RGBA PNG (chunks, zlib, the five row filters) with python3's standard
    /// library, since Foundation has no zlib on Linux, and prints "non-white-pixels distinct-colours".
    static let pngCensus = #"""
    import sys, struct, zlib
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, colour = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), 'unsupported PNG: depth %d colour %d' % (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    previous, colours, nonwhite = bytearray(stride), set(), 0
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for i in range(0, stride, bpp):
            pixel = bytes(line[i:i + 3])
            colours.add(pixel)
            if pixel != b'\xff\xff\xff': nonwhite += 1
        previous = line
    print(nonwhite, len(colours))
    """#

    @Test("headless Chromium draws the chart (not a blank page) and its DOM holds the words")
    func chromiumDrawsTheChart() throws {
        guard let chromium = Self.chromium() else {
            Issue.record("No chromium or chromium-browser on PATH: the chart was not checked in a browser (make deps installs it)")
            return
        }
        let directory = TestFolders.fresh("cofund-svg-chart")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let svgFile = directory.appendingPathComponent("sweep.svg")
        let pngFile = directory.appendingPathComponent("sweep.png")
        let scriptFile = directory.appendingPathComponent("census.py")
        try SVGChartRenderer.render(Self.sweep, language: .vi).write(to: svgFile, atomically: true, encoding: .utf8)
        try Self.pngCensus.write(to: scriptFile, atomically: true, encoding: .utf8)
        let browser = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path)/profile"]

        let shot = try Self.run(browser + ["--screenshot=\(pngFile.path)", "--window-size=900,700", svgFile.absoluteString])
        #expect(shot.status == 0, "chromium --screenshot exited with \(shot.status)")
        let census = try Self.run(["python3", scriptFile.path, pngFile.path])
        #expect(census.status == 0, "the PNG did not decode")
        let counts = census.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(counts.count == 2, "python printed \(census.output)")
        // Lines, axes and text cover a few percent of a 900×700 window; a blank page has none.
        #expect(counts[0] > 5000, "only \(counts[0]) non-white pixels")
        #expect(counts[1] > 3, "only \(counts[1]) distinct colours")

        let dom = try Self.run(browser + ["--dump-dom", svgFile.absoluteString])
        #expect(dom.status == 0, "chromium --dump-dom exited with \(dom.status)")
        let words = Localizer(.vi)
        let shown = Self.sweep.panels.flatMap { $0.series.map { words.text($0.name) } }.map(SVGText.escaped)
            + [SVGText.escaped(words.text(Self.sweep.xLabel)), SVGText.escaped(words.text(Self.sweep.panels[0].yLabel))]
        for text in shown {
            // The DOM serializer need not escape quotes in text: compare with them as written, too.
            let plain = text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            #expect(dom.output.contains(text) || dom.output.contains(plain), "the DOM lacks \(text)")
        }
    }
}
