package io.virtforge.testkit.assertions;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.VirtDomain;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a domain of a connection, as it is when asserted (each call asks the connection). */
public final class VirtDomainAssert extends AbstractAssert<VirtDomainAssert, VirtDomain> {
    VirtDomainAssert(VirtDomain actual) {
        super(actual, VirtDomainAssert.class);
    }

    /** The domain is in this state. */
    public VirtDomainAssert isInState(DomainState expected) {
        isNotNull();
        DomainState state = actual.state();
        if (state != expected) {
            failWithMessage("Expecting domain '%s' to be %s but it is %s", actual.name(), expected, state);
        }
        return this;
    }

    /** The domain runs (not paused). */
    public VirtDomainAssert isRunning() {
        return isInState(DomainState.RUNNING);
    }

    /** The domain is paused. */
    public VirtDomainAssert isPaused() {
        return isInState(DomainState.PAUSED);
    }

    /** The domain is shut off. */
    public VirtDomainAssert isShutOff() {
        return isInState(DomainState.SHUTOFF);
    }

    /** The domain is persistent (defined). */
    public VirtDomainAssert isPersistent() {
        isNotNull();
        if (!actual.persistent()) {
            failWithMessage("Expecting domain '%s' to be persistent but it is transient", actual.name());
        }
        return this;
    }

    /** The domain is transient. */
    public VirtDomainAssert isTransient() {
        isNotNull();
        if (actual.persistent()) {
            failWithMessage("Expecting domain '%s' to be transient but it is persistent", actual.name());
        }
        return this;
    }
}
