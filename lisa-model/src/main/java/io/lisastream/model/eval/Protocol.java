package io.lisastream.model.eval;

/** How a leave-one-out target is ranked. Label every reported number with its protocol. */
public enum Protocol {
    /**
     * Against 100 negatives drawn uniformly without replacement from the items the user never
     * interacted with (SASRec / LISA papers). See {@link NegativeSampler}.
     */
    SAMPLED("sampled"),
    /** Against every item except the ones in the user's history (gSASRec / RecBole). */
    FULL("full");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The name written into metrics JSON: {@code sampled} or {@code full}. */
    public String label() {
        return label;
    }
}
