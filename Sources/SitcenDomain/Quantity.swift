/// Kilogram-equivalents, by the UNODC convention: mass units convert; 1 l counts as 1 kg
/// (so 1 ml as 1 g); tablets and doses have a kilogram-equivalent only where the substance list
/// gives a typical mass; `units` never do.
public enum KilogramEquivalent {
    public static func of(quantity: Double, unit: QuantityUnit, substance: Substance?) -> Double? {
        guard quantity.isFinite, quantity > 0 else { return nil }
        switch unit {
        case .g: return quantity / 1000
        case .kg: return quantity
        case .t: return quantity * 1000
        case .ml: return quantity / 1000
        case .l: return quantity
        case .tablets, .doses:
            guard let dose = substance?.typicalDoseKg else { return nil }
            return quantity * dose
        case .units: return nil
        }
    }
}
