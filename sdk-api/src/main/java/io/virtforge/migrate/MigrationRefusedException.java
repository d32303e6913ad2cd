package io.virtforge.migrate;

import io.virtforge.VirtforgeException;
import io.virtforge.plan.NoFit;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration refused by a pre-check, before any claim or libvirt call: the source domain is untouched. Carries
 * a stable {@link RefusalCode}, the reason in words and, for {@link RefusalCode#NO_PLACEMENT}, the planner's
 * per-node reasons.
 */
public final class MigrationRefusedException extends VirtforgeException {
    private static final long serialVersionUID = 1L;
    private final RefusalCode code;
    private final String reason;
    private final transient NoFit noFit;

    /** A refusal with a code and a reason. */
    public MigrationRefusedException(RefusalCode code, String reason) {
        this(code, reason, null);
    }

    /** A refusal because the planner found no placement; the reason lists each node's rejection. */
    public MigrationRefusedException(NoFit noFit) {
        this(RefusalCode.NO_PLACEMENT, "no placement on the destination: " + Objects.requireNonNull(noFit, "noFit")
                .reasons().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("no reason given"),
                noFit);
    }

    private MigrationRefusedException(RefusalCode code, String reason, NoFit noFit) {
        super(Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(reason, "reason"));
        this.code = code;
        this.reason = reason;
        this.noFit = noFit;
    }

    /** The stable code. */
    public RefusalCode code() {
        return code;
    }

    /** The reason, in words. */
    public String reason() {
        return reason;
    }

    /** The planner's per-node reasons, for {@link RefusalCode#NO_PLACEMENT}. */
    public Optional<NoFit> noFit() {
        return Optional.ofNullable(noFit);
    }
}
