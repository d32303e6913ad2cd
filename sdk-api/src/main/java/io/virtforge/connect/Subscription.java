package io.virtforge.connect;

/** A registration (e.g. of an event listener); closing it unregisters. */
public interface Subscription extends AutoCloseable {
    /** Unregisters; closing twice does nothing. */
    @Override
    void close();
}
