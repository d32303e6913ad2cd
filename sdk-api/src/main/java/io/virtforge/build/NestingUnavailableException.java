package io.virtforge.build;

import io.virtforge.VirtforgeException;

/**
 * {@link GuestCpuSpec#nested} cannot tell which feature gives a guest nested virtualisation: the host's CPU
 * vendor is not known, or is neither Intel ({@code vmx}) nor AMD ({@code svm}).
 */
public final class NestingUnavailableException extends VirtforgeException {
    private static final long serialVersionUID = 1L;

    NestingUnavailableException(String message) {
        super(message);
    }
}
