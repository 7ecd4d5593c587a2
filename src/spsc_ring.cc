#include "spsc_ring.h"

namespace rtc_audio {

// The element types the core and the JS transports use; instantiated here so every
// build compiles the whole template.
template class SpscRing<int16_t>;
template class SpscRing<float>;

}  // namespace rtc_audio
