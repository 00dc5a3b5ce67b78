// Counts heap allocations made on marked threads (the audio thread) when this library is preloaded
// (LD_PRELOAD=libNeuroAllocationCounter.so). `neurorack-run soak` does that by itself; the
// process finds the two functions below with dlsym, so nothing links against this header.
#ifndef NEURORACK_ALLOCATION_COUNTER_H
#define NEURORACK_ALLOCATION_COUNTER_H

/// Counts every later malloc, calloc and realloc made by the calling thread.
void neurorack_count_allocations_on_this_thread(void);

/// The allocations counted so far on all marked threads.
long neurorack_counted_allocations(void);

#endif
