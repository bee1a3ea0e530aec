package dev.snapshotmanager.local;

/** One piece of the local stack: started, probed until ready, stopped in reverse order. */
interface Component {

    String name();

    /** Starts it; may block for work that must precede the process (unpacking, formatting). */
    void start() throws Exception;

    /** True once it serves; may do one-time setup on the first success (databases, topics). */
    boolean ready() throws Exception;

    /** True while its process runs. */
    boolean alive();

    /** The pid of its main process (0 when unknown). */
    long pid();

    /** What {@code status} probes: an HTTP readiness URL, or an address shown as is. */
    String probe();

    /** Where to reach it, for the status line. */
    String where();

    void stop();
}
