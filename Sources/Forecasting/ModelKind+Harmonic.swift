import Vocabulary

extension ModelKind {
    /// Whether the model needs a harmonic fit.
    var usesHarmonic: Bool {
        switch self {
        case .harmonic, .harmonicLog, .harmonicAR, .harmonicLogAR, .ensemble: return true
        default: return false
        }
    }
}
