// Native half of the resampler benchmark: our C++ core (native build) and libsoxr (its
// MQ / HQ / VHQ recipes), timed on the same int16 workloads as the Node half, plus the
// quality test signals written out for bench/resampler/run.js to measure with the same
// metrics as every other peer. Run through bench/resampler/run.sh.
//
//   native_bench <results dir> <repetitions>
//
// Prints one JSON object per timed run to stdout; writes <dir>/<impl>_<in>_<out>_<signal>.s16.
#include <soxr.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "audio_resampler.h"

namespace {

using rtc_audio::AudioResampler;
using rtc_audio::AudioResamplerConfig;
using rtc_audio::ResamplerQuality;

constexpr int kPairs[4][2] = {{48000, 16000}, {16000, 48000}, {44100, 48000}, {48000, 24000}};
constexpr double kSeconds = 60.0;

// A streaming int16 resampler under test: process(chunk) appends to out; finish() drains.
struct Session {
  std::function<void(const int16_t*, size_t, std::vector<int16_t>&)> process;
  std::function<void(std::vector<int16_t>&)> finish;
};
using Factory = std::function<Session(int in_hz, int out_hz, int channels)>;

Session OursSession(ResamplerQuality q, int in_hz, int out_hz, int channels) {
  std::shared_ptr<AudioResampler> r;
  {
    std::unique_ptr<AudioResampler> u;
    AudioResampler::Create(AudioResamplerConfig{in_hz, out_hz, channels, q, false}, &u);
    r = std::move(u);
  }
  auto ch = static_cast<size_t>(channels);
  auto buf = std::make_shared<std::vector<int16_t>>();
  Session s;
  s.process = [r, ch, buf](const int16_t* in, size_t frames, std::vector<int16_t>& out) {
    buf->resize(r->MaxOutputFrames(frames) * ch);
    const auto c = r->Process(std::span<const int16_t>(in, frames * ch), std::span<int16_t>(*buf));
    out.insert(out.end(), buf->begin(), buf->begin() + static_cast<long>(c.output_frames * ch));
  };
  s.finish = [r, ch, buf](std::vector<int16_t>& out) {
    buf->resize(r->PendingFlushFrames() * ch);
    const size_t n = r->Flush(std::span<int16_t>(*buf));
    out.insert(out.end(), buf->begin(), buf->begin() + static_cast<long>(n * ch));
  };
  return s;
}

Session SoxrSession(unsigned long recipe, int in_hz, int out_hz, int channels) {
  soxr_error_t error = nullptr;
  // No dither: soxr adds TPDF dither to int16 output by default; every other resampler
  // here rounds, so this compares the filters (LiveKit's SDK keeps soxr's dither).
  soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
  io.flags |= SOXR_NO_DITHER;
  const soxr_quality_spec_t quality = soxr_quality_spec(recipe, 0);
  std::shared_ptr<soxr> s(soxr_create(in_hz, out_hz, static_cast<unsigned>(channels), &error, &io,
                                      &quality, nullptr),
                          soxr_delete);
  auto ch = static_cast<size_t>(channels);
  auto buf = std::make_shared<std::vector<int16_t>>();
  const double ratio = static_cast<double>(out_hz) / in_hz;
  Session session;
  session.process = [s, ch, buf, ratio](const int16_t* in, size_t frames, std::vector<int16_t>& out) {
    size_t done = 0;
    while (done < frames) {
      buf->resize((static_cast<size_t>(static_cast<double>(frames) * ratio) + 64) * ch);
      size_t used = 0;
      size_t made = 0;
      soxr_process(s.get(), in + done * ch, frames - done, &used, buf->data(), buf->size() / ch, &made);
      out.insert(out.end(), buf->begin(), buf->begin() + static_cast<long>(made * ch));
      done += used;
    }
  };
  session.finish = [s, ch, buf](std::vector<int16_t>& out) {
    for (;;) {
      buf->resize(4096 * ch);
      size_t made = 0;
      soxr_process(s.get(), nullptr, 0, nullptr, buf->data(), 4096, &made);
      if (made == 0) break;
      out.insert(out.end(), buf->begin(), buf->begin() + static_cast<long>(made * ch));
    }
  };
  return session;
}

std::vector<int16_t> SpeedSignal(int rate, int channels) {
  const auto frames = static_cast<size_t>(kSeconds * rate);
  std::vector<int16_t> x(frames * static_cast<size_t>(channels));
  uint32_t state = 12345;
  for (size_t i = 0; i < frames; ++i) {
    for (int c = 0; c < channels; ++c) {
      state = state * 1664525u + 1013904223u;
      const double noise = (static_cast<double>(state >> 8) / (1 << 24) - 0.5) * 2000.0;
      const double tone = 8000.0 * std::sin(2 * std::numbers::pi * 440.0 * (c + 1) * static_cast<double>(i) / rate);
      x[i * static_cast<size_t>(channels) + static_cast<size_t>(c)] = static_cast<int16_t>(std::lround(tone + noise));
    }
  }
  return x;
}

double TimeRun(const Factory& make, int in_hz, int out_hz, int channels,
               const std::vector<int16_t>& input, size_t chunk_frames, size_t* out_frames) {
  const auto ch = static_cast<size_t>(channels);
  const size_t frames = input.size() / ch;
  std::vector<int16_t> out;
  out.reserve(static_cast<size_t>(static_cast<double>(frames) * out_hz / in_hz + 4096) * ch);
  Session s = make(in_hz, out_hz, channels);
  const auto t0 = std::chrono::steady_clock::now();
  for (size_t pos = 0; pos < frames; pos += chunk_frames) {
    const size_t n = pos + chunk_frames <= frames ? chunk_frames : frames - pos;
    s.process(input.data() + pos * ch, n, out);
  }
  s.finish(out);
  const auto t1 = std::chrono::steady_clock::now();
  *out_frames = out.size() / ch;
  return std::chrono::duration<double>(t1 - t0).count();
}

// The quality signals, int16 mono, 1 s: the same definitions as run.js (signals.js).
std::vector<int16_t> QualityTone(int rate, double freq_hz, double dbfs) {
  const double amplitude = std::pow(10.0, dbfs / 20.0) * 32767.0;
  std::vector<int16_t> x(static_cast<size_t>(rate));
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<int16_t>(std::lround(amplitude * std::sin(2 * std::numbers::pi * freq_hz * static_cast<double>(i) / rate)));
  }
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: native_bench <results dir> <repetitions>\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int reps = std::atoi(argv[2]);
  struct Impl {
    std::string name;
    Factory make;
  };
  const std::vector<Impl> impls = {
      {"native ours MEDIUM",
       [](int i, int o, int c) { return OursSession(ResamplerQuality::kMedium, i, o, c); }},
      {"native ours HIGH",
       [](int i, int o, int c) { return OursSession(ResamplerQuality::kHigh, i, o, c); }},
      {"native ours VERY_HIGH",
       [](int i, int o, int c) { return OursSession(ResamplerQuality::kVeryHigh, i, o, c); }},
      {"native soxr MQ", [](int i, int o, int c) { return SoxrSession(SOXR_MQ, i, o, c); }},
      {"native soxr HQ", [](int i, int o, int c) { return SoxrSession(SOXR_HQ, i, o, c); }},
      {"native soxr VHQ", [](int i, int o, int c) { return SoxrSession(SOXR_VHQ, i, o, c); }},
  };

  // Quality signals first (cheap), then the timed runs.
  for (const Impl& impl : impls) {
    for (const auto& pair : kPairs) {
      const int in_hz = pair[0];
      const int out_hz = pair[1];
      const double lower_nyquist = (in_hz < out_hz ? in_hz : out_hz) / 2.0;
      std::vector<std::pair<std::string, std::vector<int16_t>>> signals = {
          {"thdn", QualityTone(in_hz, 1000, -1)}};
      for (int k = 1; k <= 9; ++k) {
        signals.push_back({"pass" + std::to_string(k), QualityTone(in_hz, 0.1 * k * lower_nyquist, -6)});
      }
      for (int k = 0; k < 3; ++k) {
        const double f = (1.15 + 0.35 * k) * lower_nyquist;
        if (f < in_hz / 2.0 * 0.98) signals.push_back({"alias" + std::to_string(k), QualityTone(in_hz, f, -1)});
      }
      if (signals.size() == 10) signals.push_back({"image", QualityTone(in_hz, 0.9 * lower_nyquist, -1)});
      for (auto& [signal, x] : signals) {
        Session s = impl.make(in_hz, out_hz, 1);
        std::vector<int16_t> out;
        s.process(x.data(), x.size(), out);
        s.finish(out);
        std::string file = dir + "/" + impl.name + "_" + std::to_string(in_hz) + "_" + std::to_string(out_hz) + "_" + signal + ".s16";
        for (char& ch : file) {
          if (ch == ' ') ch = '-';
        }
        if (FILE* f = std::fopen(file.c_str(), "wb")) {
          std::fwrite(out.data(), sizeof(int16_t), out.size(), f);
          std::fclose(f);
        }
      }
    }
  }

  for (const int channels : {1, 2}) {
    for (const auto& pair : kPairs) {
      const int in_hz = pair[0];
      const int out_hz = pair[1];
      const std::vector<int16_t> input = SpeedSignal(in_hz, channels);
      for (const char* mode : {"stream", "buffer"}) {
        const size_t chunk = std::string(mode) == "stream" ? static_cast<size_t>(in_hz / 100) : input.size();
        for (const Impl& impl : impls) {
          double best = 1e30;
          size_t out_frames = 0;
          for (int r = 0; r < reps; ++r) {
            best = std::min(best, TimeRun(impl.make, in_hz, out_hz, channels, input, chunk, &out_frames));
          }
          std::printf(
              "{\"impl\":\"%s\",\"in\":%d,\"out\":%d,\"channels\":%d,\"mode\":\"%s\",\"seconds\":%.9f,"
              "\"audioSeconds\":%.1f,\"outFrames\":%zu}\n",
              impl.name.c_str(), in_hz, out_hz, channels, mode, best, kSeconds, out_frames);
          std::fflush(stdout);
        }
      }
    }
  }
  return 0;
}
