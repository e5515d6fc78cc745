import Planning
import Reports
import Testing

@Suite struct CostCSVTests {
    @Test func theHeaderNamesEveryColumn() {
        #expect(CostCSV.header == CostCSV.columns.joined(separator: ",") + "\r\n")
        #expect(CostCSV.columns.count == 20)
        #expect(CostCSV.columns.prefix(2) == ["ChargePeriodStart", "ChargePeriodEnd"])
    }

    @Test func aRowNamesItsVariant() {
        let row = CostRow(chargePeriodStart: 0, chargePeriodEnd: 3_600, model: "chat-8b", region: "r1", gpuType: "A100",
                          capacityType: .onDemand, commitmentStatus: nil, gpuHours: 2, listCostUSD: 6, effectiveCostUSD: 6,
                          requestsServed: 100, variant: "a100-tp2")
        #expect(CostCSV.line(row).hasSuffix(",chat-8b,A100,on-demand,100,60,0,a100-tp2\r\n"))
    }

    @Test func aRowIsOneLine() {
        let row = CostRow(chargePeriodStart: 1_700_006_400, chargePeriodEnd: 1_700_010_000, model: "chat, \"large\"",
                          region: "us-east-1", gpuType: "H100", capacityType: .spot, commitmentStatus: nil,
                          gpuHours: 2.5, listCostUSD: 20, effectiveCostUSD: 5.0000004, requestsServed: 12_345)
        #expect(CostCSV.line(row) == "2023-11-15T00:00:00Z,2023-11-15T01:00:00Z,Usage,Dynamic,,us-east-1,H100-spot,2.5,"
            + "GPU-Hour,20,5,5,USD,\"chat, \"\"large\"\"\",H100,spot,12345,0.405022,15,\r\n")
        let idle = CostRow(chargePeriodStart: 0, chargePeriodEnd: 3_600, model: nil, region: nil, gpuType: "A100",
                           capacityType: .reserved, commitmentStatus: .unused, gpuHours: 8, listCostUSD: 0,
                           effectiveCostUSD: 24, requestsServed: 0)
        #expect(CostCSV.line(idle) == "1970-01-01T00:00:00Z,1970-01-01T01:00:00Z,Usage,Committed,Unused,,A100-reserved,8,"
            + "GPU-Hour,0,24,24,USD,,A100,reserved,0,,-24,\r\n")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1e-7, "0"), (-4e-7, "0"), (0.0000005, "0.000001"), (1.5, "1.5"),
        (-2.25, "-2.25"), (1_234_567.125, "1234567.125"), (0.1 + 0.2, "0.3"), (1e20, "100000000000000000000"),
        (1e13, "10000000000000"), (.nan, ""), (.infinity, ""),
    ])
    func numbersArePlainDecimals(value: Double, text: String) {
        let row = CostRow(chargePeriodStart: 0, chargePeriodEnd: 3_600, model: nil, region: nil, gpuType: "g",
                          capacityType: .onDemand, commitmentStatus: nil, gpuHours: value, listCostUSD: 0,
                          effectiveCostUSD: 0, requestsServed: 0)
        let fields = CostCSV.line(row).split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[7] == Substring(text))
    }
}
