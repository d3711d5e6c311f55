import Foundation
import Staffing
import Testing

/// Values from /work/shared/ORACLES.md (literature, checked at high precision).
@Suite struct OracleTests {
    struct TableRow: Sendable {
        let lambda, aht: Double, agents: Int, patience, t: Double
        let pWait, pAbandon, serviceLevel, asaServed, meanWaitAll: Double
    }

    static let table: [TableRow] = [
        .init(lambda: 0.5, aht: 240, agents: 130, patience: 90, t: 15, pWait: 0.153206515131, pAbandon: 0.0136913805416,
              serviceLevel: 0.964900228133, asaServed: 1.15379759446, meanWaitAll: 1.23222424874),
        .init(lambda: 0.5, aht: 240, agents: 125, patience: 300, t: 30, pWait: 0.352810376802, pAbandon: 0.0179685535764,
              serviceLevel: 0.937819872514, asaServed: 5.25398897708, meanWaitAll: 5.39056607291),
        .init(lambda: 0.05, aht: 240, agents: 14, patience: 90, t: 30, pWait: 0.257611847551, pAbandon: 0.0720611769264,
              serviceLevel: 0.864974318069, asaServed: 5.24091067614, meanWaitAll: 6.48550592338),
        .init(lambda: 2, aht: 240, agents: 470, patience: 300, t: 15, pWait: 0.716586574856, pAbandon: 0.0293872391049,
              serviceLevel: 0.736280278513, asaServed: 8.80455568065, meanWaitAll: 8.81617173147),
        .init(lambda: 1.0 / 6, aht: 240, agents: 38, patience: 600, t: 30, pWait: 0.772049790032, pAbandon: 0.0760775774573,
              serviceLevel: 0.426740134217, asaServed: 45.6881102209, meanWaitAll: 45.6465464744),
        .init(lambda: 0.02, aht: 300, agents: 8, patience: 120, t: 20, pWait: 0.215961368438, pAbandon: 0.0731029390394,
              serviceLevel: 0.833687467755, asaServed: 6.5116943769, meanWaitAll: 8.77235268473),
    ]

    /// |value − printed| within half a unit in the last printed digit.
    func expectPrinted(_ value: Double, _ printed: Double, digits: Int, _ what: String) {
        let unit = pow10(Int((abs(printed)).log10Floor) - digits + 1)
        #expect(abs(value - printed) <= 0.5 * unit, "\(what): \(value) vs \(printed)")
    }

    @Test(arguments: table) func erlangATable(_ r: TableRow) {
        let p = QueueParameters(arrivalRatePerSecond: r.lambda, ahtSeconds: r.aht, model: .a(patienceSeconds: r.patience), targetSeconds: r.t)
        let f = queueFigures(p, agents: r.agents)
        expectPrinted(f.pWait, r.pWait, digits: 12, "P(W>0)")
        expectPrinted(f.pAbandon, r.pAbandon, digits: 12, "P(Ab)")
        expectPrinted(f.serviceLevel, r.serviceLevel, digits: 12, "SL")
        expectPrinted(f.asa, r.asaServed, digits: 11, "ASA served")
        expectPrinted(f.meanWaitAll, r.meanWaitAll, digits: 12, "E[W] all")
        let q = ErlangAQueue(agents: r.agents, arrivalRatePerSecond: r.lambda, ahtSeconds: r.aht, patienceSeconds: r.patience)
        #expect(relativeError(q.serviceLevel(within: r.t), 1 - q.pAbandon - q.probabilityServedAfter(r.t)) < 1e-12)
    }

    @Test func mandelbaumZeltynPublishedCase() {
        // λ = 48/min, mean service 1 min, 50 agents, mean patience 2 min.
        let p = QueueParameters(arrivalRatePerSecond: 0.8, ahtSeconds: 60, model: .a(patienceSeconds: 120), targetSeconds: 20)
        let f = queueFigures(p, agents: 50)
        expectPrinted(f.pAbandon, 0.030912249, digits: 8, "P(Ab)")
        expectPrinted(f.meanWaitAll, 3.7095, digits: 5, "E[W] all")
        expectPrinted(f.asa, 3.616, digits: 4, "ASA served")
        expectPrinted(f.occupancy, 0.93032, digits: 5, "occupancy")
        expectPrinted(f.pWait, 0.46777, digits: 5, "P(W>0)")
        let c = queueFigures(QueueParameters(arrivalRatePerSecond: 0.8, ahtSeconds: 60, model: .c, targetSeconds: 20), agents: 50)
        expectPrinted(c.pWait, 0.69446, digits: 5, "Erlang C P(W>0)")
        expectPrinted(c.asa, 20.83, digits: 4, "Erlang C ASA")
        expectPrinted(erlangC(agents: 50, load: 48), 0.69446, digits: 5, "erlangC")
    }

    @Test func erlangBPublishedValue() {
        #expect(relativeError(erlangB(agents: 30, load: 25), 0.0526031722281406) < 1e-14)
        #expect(erlangB(agents: 0, load: 3) == 1)
        #expect(erlangB(agents: 20000, load: 0.01) == 0)
        #expect(erlangB(agents: -1, load: 3).isNaN)
    }
}

extension Double {
    var log10Floor: Double { Foundation.log10(self).rounded(.down) }
}

func pow10(_ k: Int) -> Double { Foundation.pow(10, Double(k)) }
