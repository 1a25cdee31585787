package io.colachat.bench.scenario;

/**
 * The fanout's search for the highest rate held within the limit: a geometric ramp until a rate
 * fails (each failing rate gets {@code retries} more tries), then bisection, geometrically, between
 * the last rate that held and the first that did not, {@code refine} times. With a factor of 1.5
 * and two refinements, the answer is within 11 % of the true edge rather than within 50 %.
 *
 * <pre>{@code
 * RateSearch search = new RateSearch(20, 1.5, 1, 2, 0);
 * do { boolean ok = runStepAt(search.rate()); } while (search.record(ok, false));
 * }</pre>
 */
final class RateSearch {

    private final double factor;
    private final int retries;
    private final double maxRate;
    private int refineLeft;
    private double rate;
    private double held;
    private double broke;
    private int failures;

    /**
     * @param start   the first rate
     * @param factor  the ramp's step, more than 1
     * @param retries further tries a failing rate gets before it counts as failed
     * @param refine  bisection steps after the first failure
     * @param maxRate no rate above this is tried; 0 for no cap
     */
    RateSearch(double start, double factor, int retries, int refine, double maxRate) {
        if (start <= 0 || factor <= 1 || retries < 0 || refine < 0) {
            throw new IllegalArgumentException("start > 0, factor > 1, retries >= 0, refine >= 0");
        }
        this.rate = start;
        this.factor = factor;
        this.retries = retries;
        this.refineLeft = refine;
        this.maxRate = maxRate;
    }

    /** The rate the next step runs at. */
    double rate() {
        return rate;
    }

    /** Whether the search has found a failing rate and is now bisecting. */
    boolean refining() {
        return broke > 0;
    }

    /**
     * Records the step just run at {@link #rate()}.
     *
     * @param within whether it held the limit
     * @param fatal  whether the run cannot go on (sockets dropped, nothing sent)
     * @return whether there is another step to run
     */
    boolean record(boolean within, boolean fatal) {
        if (within) {
            failures = 0;
            held = rate;
            if (broke == 0) {
                rate *= factor;
                return maxRate <= 0 || rate <= maxRate;
            }
            return bisect();
        }
        if (fatal) {
            return false;
        }
        if (++failures <= retries) {
            return true;
        }
        failures = 0;
        broke = rate;
        return held > 0 && bisect();
    }

    private boolean bisect() {
        if (refineLeft == 0) {
            return false;
        }
        refineLeft--;
        rate = Math.sqrt(held * broke);
        return true;
    }
}
