// Audible feedback at the desk, so staff need not look at the screen (and colour is never
// the only signal). Tones are synthesised: no audio files, nothing fetched.
export type Chime = 'ok' | 'attention' | 'warning';

const TONES: Record<Chime, number[]> = {
  ok: [880],
  attention: [880, 1175, 880],
  warning: [330, 262],
};

let ctx: AudioContext | null = null;

/**
 * Plays `kind` once the confirmation it goes with is on screen: the sound is scheduled
 * after the next paint (the first one opens the audio device, which takes the page's
 * thread for tens of milliseconds and would hold the text back).
 */
export function chime(kind: Chime): void {
  const later = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 0);
  later(() => setTimeout(() => play(kind), 0));
}

function play(kind: Chime): void {
  try {
    ctx ??= new AudioContext();
    const audio = ctx;
    TONES[kind].forEach((freq, n) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const at = audio.currentTime + n * 0.16;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.15);
    });
  } catch {
    // No audio device: the text on screen still says everything.
  }
}
