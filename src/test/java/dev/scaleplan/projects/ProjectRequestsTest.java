package dev.scaleplan.projects;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectRequestsTest {

    @Test
    void noControlPatternRejectsExactlyWhatJavaCntrlRejects() {
        Pattern portable = Pattern.compile(ProjectRequests.NO_CONTROL);
        Pattern java = Pattern.compile("[^\\p{Cntrl}]*");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String name = "run" + c;
            assertThat(portable.matcher(name).matches()).as("U+%04X", (int) c).isEqualTo(java.matcher(name).matches());
        }
    }
}
