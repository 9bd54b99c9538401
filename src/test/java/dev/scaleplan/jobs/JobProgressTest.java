package dev.scaleplan.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scaleplan.fits.FitRequest;
import dev.scaleplan.fitting.FitMonitor.Phase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobProgressTest {

    private static FitRequest request(Integer bootstrap, Double holdout) {
        return JsonMapper.builder().build().readValue("{\"form\": \"chinchilla\""
                + (bootstrap == null ? "" : ", \"bootstrap\": " + bootstrap)
                + (holdout == null ? "" : ", \"holdout\": " + holdout) + "}", FitRequest.class);
    }

    @Test
    void phasesFollowEachOtherFromZeroToOne() {
        JobProgress progress = JobProgress.of(request(null, null));
        assertThat(progress.overall(Phase.GRID, 0)).isZero();
        assertThat(progress.overall(Phase.GRID, 1)).isCloseTo(progress.overall(Phase.BOOTSTRAP, 0), within(1e-12));
        assertThat(progress.overall(Phase.BOOTSTRAP, 1)).isCloseTo(progress.overall(Phase.HOLDOUT, 0), within(1e-12));
        assertThat(progress.overall(Phase.HOLDOUT, 1)).isCloseTo(1, within(1e-12));
    }

    @Test
    void aPhaseTheRequestSkipsTakesNoShare() {
        JobProgress gridOnly = JobProgress.of(request(0, 0.0));
        assertThat(gridOnly.overall(Phase.GRID, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(gridOnly.overall(Phase.GRID, 1)).isCloseTo(1, within(1e-12));
    }

    @Test
    void theMonitorNeverGoesBack() {
        FitJobMonitor monitor = new FitJobMonitor(JobProgress.of(request(null, null)));
        monitor.progress(Phase.BOOTSTRAP, 0.5);
        double before = monitor.progress();
        monitor.progress(Phase.GRID, 0.1);
        assertThat(monitor.progress()).isEqualTo(before);
        monitor.progress(Phase.BOOTSTRAP, Double.NaN);
        assertThat(monitor.progress()).isEqualTo(before);
    }

    @Test
    void aProjectsFirstQueuedJobJoinsTheRoundServedAndItsNextOnesFollow() {
        assertThat(new FitJobRepository.QueueState(0, 0, null, null).nextRound()).isZero();
        assertThat(new FitJobRepository.QueueState(0, 0, null, -7).nextRound()).isEqualTo(-7);
        assertThat(new FitJobRepository.QueueState(0, 3, -9, -7).nextRound()).isEqualTo(-10);
    }
}
