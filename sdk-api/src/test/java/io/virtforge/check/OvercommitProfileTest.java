package io.virtforge.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OvercommitProfileTest {
    @Test
    void thePresetsAreTheSeedsGuidance() {
        assertThat(OvercommitProfile.PRODUCTION).extracting(OvercommitProfile::warnRatio, OvercommitProfile::maxRatio)
                .containsExactly(1.0, 2.0);
        assertThat(OvercommitProfile.DEV_TEST).extracting(OvercommitProfile::warnRatio, OvercommitProfile::maxRatio)
                .containsExactly(4.0, 8.0);
        assertThat(OvercommitProfile.VDI).extracting(OvercommitProfile::warnRatio, OvercommitProfile::maxRatio)
                .containsExactly(8.0, 16.0);
        assertThat(OvercommitProfile.VDI).hasToString("vdi (8:1 to 16:1)");
    }

    @Test
    void parsesNamesAndRatios() {
        assertThat(OvercommitProfile.parse("production")).isSameAs(OvercommitProfile.PRODUCTION);
        assertThat(OvercommitProfile.parse("Dev-Test")).isSameAs(OvercommitProfile.DEV_TEST);
        assertThat(OvercommitProfile.parse(" vdi ")).isSameAs(OvercommitProfile.VDI);
        assertThat(OvercommitProfile.parse("4:8")).as("a preset's ratios are the preset").isSameAs(OvercommitProfile.DEV_TEST);
        OvercommitProfile custom = OvercommitProfile.parse("1.5:3");
        assertThat(custom.name()).isEqualTo("1.5:3");
        assertThat(custom.warnRatio()).isEqualTo(1.5);
        assertThat(custom.maxRatio()).isEqualTo(3.0);
        assertThat(OvercommitProfile.custom(3, 6)).hasToString("3:6 (3:1 to 6:1)");
    }

    @Test
    void refusesWhatIsNoProfile() {
        for (String bad : new String[] {"", "staging", "3", "a:b", "4:2", "0:2", "-1:2", ":2", "NaN:2"}) {
            assertThatThrownBy(() -> OvercommitProfile.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overcommit");
        }
        assertThat(catchMessage("staging")).contains("production (1:1 to 2:1)", "dev-test (4:1 to 8:1)", "vdi (8:1 to 16:1)",
                "WARN:MAX");
    }

    private static String catchMessage(String text) {
        try {
            OvercommitProfile.parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void validationOptionsAreTheProfilesThresholds() {
        assertThat(ValidationOptions.DEFAULT.overcommit()).isSameAs(OvercommitProfile.PRODUCTION);
        ValidationOptions vdi = ValidationOptions.of(OvercommitProfile.VDI);
        assertThat(vdi).isEqualTo(new ValidationOptions(8, 16));
        assertThat(vdi.overcommit()).isSameAs(OvercommitProfile.VDI);
        assertThat(new ValidationOptions(0.5, 1).overcommit().name()).isEqualTo("0.5:1");
        assertThat(new ValidationOptions(1, Double.POSITIVE_INFINITY).overcommit().name()).isEqualTo("1:unlimited");
    }
}
