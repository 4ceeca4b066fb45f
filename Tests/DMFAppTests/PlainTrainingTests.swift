import DMFApp
import DMFDocuments
import DMFFlow
import DMFPolicy
import TestSupport
import Testing

/// Training as line prompts: the same cases, prediction, comparison and summary as the screens.
@Suite struct PlainTrainingTests {
    @Test func aTraineeWorksACasePredictsAndGetsTheComparisonAndSummary() throws {
        // Answer case 1 as the same-system journey does (a proceed), predict "proceed" and pick
        // one action that is not needed, then finish.
        let answers = Drive.plainLines(.sameSystemProceed, to: .check) + ["c"]
        let io = ScriptedLineIO(["Robin Trainee", "1"] + answers + ["1", "3", "f", "n"])
        let training = PlainTraining(cases: TrainingTests.cases, io: io, clock: FixedClock.clock)
        #expect(training.run() == 0)
        let output = io.output
        #expect(output.hasPrefix(FilledDMF.trainingBanner))
        #expect(output.contains("Copying a spreadsheet to the team folder"))
        #expect(output.contains("Before you see the outcome: what will it be?"))
        #expect(output.contains("Your prediction: PROCEED"))
        #expect(output.contains("Verdict: right."))
        #expect(output.contains("Not needed here: \(TrainingResult.pickableRules[2].title)"))
        #expect(output.contains("Training summary for Robin Trainee"))
        #expect(training.results.count == 1)
        let result = try #require(training.results.first)
        #expect(result.verdictCorrect)
        #expect(result.unnecessary == [TrainingResult.pickableRules[2]])
    }

    @Test func wrongInputIsAskedAgainAndEndOfInputStops() {
        let io = ScriptedLineIO(["Robin", "99", "x"])
        #expect(PlainTraining(cases: TrainingTests.cases, io: io, clock: FixedClock.clock).run() == 1)
        #expect(io.output.contains("Please type a number from 1 to \(TrainingTests.cases.count), or f."))
    }
}
