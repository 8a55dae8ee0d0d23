// Turtle front end throughput: reads each file N times into a located graph (serd + term
// positions + interning) and prints MB/s and triples/s. Figures only; nothing is asserted.
// Usage: turtle-throughput [--repeat N] FILE...
import Foundation
import Ontology

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let flag = arguments.firstIndex(of: "--repeat"), flag + 1 < arguments.count, let n = Int(arguments[flag + 1]) {
    repeats = n
    arguments.removeSubrange(flag...(flag + 1))
}
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: turtle-throughput [--repeat N] FILE...\n".utf8))
    exit(64)
}

// Each file read whole on one core (what serd's own tool does), then in pieces on every core
// (what ttlc does with a large file): one line each, the mode last.
for path in arguments {
    guard case .success(let file) = FileReader.read(path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    for inPieces in [false, true] {
        var best = Double.infinity
        var triples = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            var graph = Graph()
            if let problem = TurtleReader.read(file, base: "file:///bench", into: &graph, inPieces: inPieces) {
                FileHandle.standardError.write(Data("\(problem)\n".utf8))
                exit(1)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            triples = graph.triples.count
            best = min(best, seconds)
        }
        let megabytes = Double(file.bytes.count) / 1_048_576
        print(String(format: "%@\t%.3f s\t%.1f MB/s\t%.2f Mtriples/s\t%d triples\t%@", path, best, megabytes / best, Double(triples) / best / 1e6, triples, inPieces ? "pieces" : "whole"))
    }
}
