package org.credanalytics.loadgen.gen;

/**
 * The vocabularies events are drawn from. Weights are rough shapes of a credentialing platform:
 * a few credential types and countries dominate, with a long tail behind them.
 */
public final class Catalog {
    public static final WeightedTable CREDENTIAL_TYPES = WeightedTable.of(
            "First Aid", 14,
            "CPR/AED", 12,
            "Food Handler", 10,
            "OSHA 10", 8,
            "Forklift Operator", 7,
            "Project Management Fundamentals", 6,
            "Data Analytics Certificate", 6,
            "Cloud Practitioner", 5,
            "Python Programming", 5,
            "Nursing Continuing Education", 4,
            "ServSafe Manager", 4,
            "Lifeguard", 3,
            "OSHA 30", 3,
            "Scrum Master", 3,
            "Welding Level 1", 2,
            "Electrical Safety", 2,
            "Customer Service Excellence", 2,
            "High School Diploma", 1.5,
            "Bachelor of Science", 1.5,
            "Master of Business Administration", 1);

    /** ISO 3166-1 alpha-2 codes, weighted roughly by online-learning population. */
    public static final WeightedTable COUNTRIES = WeightedTable.of(
            "US", 30, "IN", 10, "GB", 7, "CA", 5, "AU", 4, "DE", 4, "BR", 4, "NG", 3, "PH", 3, "MX", 3,
            "FR", 2.5, "ZA", 2, "ES", 2, "IT", 2, "NL", 1.5, "PK", 1.5, "EG", 1.5, "KE", 1.2, "ID", 1.2, "JP", 1.2,
            "IE", 1, "SG", 1, "AE", 1, "PL", 1, "SE", 0.8, "NZ", 0.8, "CO", 0.8, "AR", 0.8, "VN", 0.7, "TR", 0.7);

    public static final WeightedTable SHARE_CHANNELS = WeightedTable.of(
            "linkedin", 55, "email", 20, "link", 12, "facebook", 8, "x", 5);

    private Catalog() {
    }
}
