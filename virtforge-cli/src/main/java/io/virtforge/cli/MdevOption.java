package io.virtforge.cli;

import io.virtforge.plan.MdevRequest;
import java.util.Collections;
import java.util.List;

/**
 * {@code --mdev TYPE[:COUNT]} of {@link RequestOptions}: COUNT (default 1) instances of a mediated device type, a vGPU
 * profile such as {@code nvidia-588}. Type ids are the kernel's ({@code mdev_supported_types} folder names), which
 * have no colon, so the last colon parts the count off.
 */
final class MdevOption {
    /** More vGPUs than a guest can be given on any host there is. */
    static final int MAX_COUNT = 16;

    private MdevOption() {
    }

    /** The requests one {@code --mdev} value asks for. */
    static List<MdevRequest> parse(String value) {
        int colon = value.lastIndexOf(':');
        String type = colon < 0 ? value : value.substring(0, colon);
        if (type.isBlank()) {
            throw CliException.badInput("--mdev " + value + ": give a type id, e.g. nvidia-588 or nvidia-588:2");
        }
        int count = 1;
        if (colon >= 0) {
            try {
                count = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw CliException.badInput("--mdev " + value + ": the count after ':' is not a number");
            }
        }
        Counts.requireBetween("--mdev " + value + " count", count, 1, MAX_COUNT, "instances for one guest");
        return Collections.nCopies(count, MdevRequest.of(type));
    }
}
