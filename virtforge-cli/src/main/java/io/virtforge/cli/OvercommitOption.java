package io.virtforge.cli;

import io.virtforge.check.OvercommitProfile;
import io.virtforge.check.Profile;
import io.virtforge.check.ValidationOptions;
import io.virtforge.check.Validator;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.plan.Planner;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --overcommit PROFILE}, one option for every command that plans or validates ({@code plan},
 * {@code fleet place}, {@code xml check}, {@code audit}), so the planner and the validator of a command are held to
 * the same overcommit profile. Not given: the production profile, and a request's shared ratio of 1.
 */
final class OvercommitOption {
    @Option(names = "--overcommit", paramLabel = "PROFILE", converter = Converter.class,
            description = "Overcommit profile: production (1:1 to 2:1 vCPUs per CPU), dev-test (4:1 to 8:1), "
                    + "vdi (8:1 to 16:1) or WARN:MAX such as 3:6; warn above the first, refuse above the second "
                    + "(default: production; plan and fleet place then float shared vCPUs 1:1).")
    OvercommitProfile profile;

    /** The profile given, if any. */
    Optional<OvercommitProfile> given() {
        return Optional.ofNullable(profile);
    }

    /** The profile given, else production. */
    OvercommitProfile profile() {
        return given().orElse(OvercommitProfile.PRODUCTION);
    }

    /** The single-host planner held to the profile. */
    Planner planner() {
        return Planner.withProfile(profile());
    }

    /** The fleet planner held to the profile. */
    FleetPlanner fleetPlanner(HostWeigher<?> weigher) {
        return FleetPlanner.create(weigher, profile());
    }

    /** A validator with the check profile and this overcommit profile. */
    Validator validator(Profile checks) {
        return Validator.of(checks, ValidationOptions.of(profile()));
    }

    /** Reads a profile's name or {@code W:M}. */
    static final class Converter implements ITypeConverter<OvercommitProfile> {
        @Override
        public OvercommitProfile convert(String value) {
            try {
                return OvercommitProfile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
