import App
import ArgumentParser
import Foundation
import Ops

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "In-process measurements for make bench.",
                                                    subcommands: [PDF.self])

    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf",
            abstract: "Mean milliseconds to produce one invoice's PDF (read + layout + render, compressed as when sent).",
            discussion: "Prints `pdf_ms MEAN lines N bytes B invoice ID iterations I` on one line.")
        @OptionGroup var data: DataOptions
        @Option(help: "The company's name.") var company: String
        @Option(help: "The invoice (default: the company's newest sent invoice with the most lines).") var invoice: Int64?
        @Option(help: "Timed runs after one warm-up run.") var iterations: Int = 50

        func run() throws {
            let app = try data.openApp()
            guard let companyId = try app.identity.companies().first(where: { $0.name == company })?.id else {
                throw CLIError("No company named \(company).")
            }
            guard let invoiceId = try invoice ?? InvoicePDFBench.sampleInvoice(app, companyId: companyId) else {
                throw CLIError("\(company) has no sent invoice.")
            }
            let result = try InvoicePDFBench.measure(app, companyId: companyId, invoiceId: invoiceId, iterations: iterations)
            print(String(format: "pdf_ms %.3f lines %d bytes %d invoice %lld iterations %d", result.meanMilliseconds, result.lines,
                         result.bytes, result.invoiceId, result.iterations))
        }
    }
}
