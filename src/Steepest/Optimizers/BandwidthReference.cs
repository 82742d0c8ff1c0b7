using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steepest.Optimizers.Fused;
using Steepest.Threading;

namespace Steepest.Optimizers;

/// <summary>
/// Memory-only kernels to measure optimizers against, SIMD and split across threads like the fused kernels:
/// the same buffers read and written with one add per value instead of an update rule, and the STREAM triad.
/// </summary>
public static class BandwidthReference
{
    /// <summary>targetₖ[i] += source[i] for every target: reads 1 + k buffers and writes k, (1 + 2k)·4 bytes per value.</summary>
    public static void AddToAll(float[] source, float[][] targets, int threads)
    {
        if (targets.Length == 0) return;
        foreach (var target in targets)
            if (target.Length != source.Length) throw new ArgumentException("every target must match the source length");
        new AddJob(source, targets).Run(threads);
    }

    /// <summary>
    /// target[i] += source[i] and every byte of each state buffer += 1, in one pass: the traffic of a fused step over
    /// compressed moments (θ read and written, g read, each state's w = length/n bytes per value read and written),
    /// 12 + 2·Σw bytes per value.
    /// </summary>
    public static void AddToBytes(float[] source, float[] target, byte[][] states, int threads)
    {
        if (target.Length != source.Length) throw new ArgumentException("the target must match the source length");
        foreach (var state in states)
            if (source.Length == 0 || state.Length == 0 || state.Length % source.Length != 0)
                throw new ArgumentException($"a state of {state.Length} bytes is not a whole number of bytes per value of {source.Length}");
        new BytesJob(source, target, states).Run(threads);
    }

    /// <summary>STREAM triad a[i] = b[i] + s·c[i]: 12 bytes per value by STREAM's convention (two reads, one write).</summary>
    public static void Triad(float[] a, float[] b, float[] c, float scalar, int threads)
    {
        if (a.Length != b.Length || a.Length != c.Length) throw new ArgumentException("triad buffers must have the same length");
        new TriadJob(a, b, c, scalar).Run(threads);
    }

    private abstract class Job(long length) : IWorkerJob
    {
        private int parts;

        public void Run(int threads)
        {
            parts = (int)Math.Clamp(length / (1 << 16), 1, threads > 0 ? threads : Environment.ProcessorCount);
            WorkerTeam.Run(parts, this);
        }

        public void Execute(int part) => Process((int)(length * part / parts), (int)(length * (part + 1) / parts));

        protected abstract void Process(int from, int to);
    }

    private sealed class AddJob(float[] source, float[][] targets) : Job(source.Length)
    {
        protected override void Process(int from, int to)
        {
            var g = source.AsSpan(from, to - from);
            Span<float> t0 = targets.Length > 0 ? targets[0].AsSpan(from, to - from) : default;
            Span<float> t1 = targets.Length > 1 ? targets[1].AsSpan(from, to - from) : default;
            Span<float> t2 = targets.Length > 2 ? targets[2].AsSpan(from, to - from) : default;
            int i = 0;
            if (Vector512.IsHardwareAccelerated) i = Range<Lanes512, Vector512<float>>(g, t0, t1, t2, targets.Length);
            else if (Vector256.IsHardwareAccelerated) i = Range<Lanes256, Vector256<float>>(g, t0, t1, t2, targets.Length);
            Range<ScalarLanes, float>(g[i..], targets.Length > 0 ? t0[i..] : default, targets.Length > 1 ? t1[i..] : default, targets.Length > 2 ? t2[i..] : default, targets.Length);
            for (int k = 3; k < targets.Length; k++)
            {
                var extra = targets[k].AsSpan(from, to - from);
                for (int j = 0; j < g.Length; j++) extra[j] += g[j];
            }
        }

        /// <summary>One pass: each source vector is loaded once and added to up to three targets, spans hoisted out of the loop.</summary>
        private static int Range<L, V>(ReadOnlySpan<float> g, Span<float> t0, Span<float> t1, Span<float> t2, int count) where L : ILanes<V> where V : struct
        {
            int i = 0;
            switch (count)
            {
                case 1:
                    for (; i + L.Count <= g.Length; i += L.Count) L.Store(L.Add(L.Load(t0, i), L.Load(g, i)), t0, i);
                    break;
                case 2:
                    for (; i + L.Count <= g.Length; i += L.Count)
                    {
                        V x = L.Load(g, i);
                        L.Store(L.Add(L.Load(t0, i), x), t0, i);
                        L.Store(L.Add(L.Load(t1, i), x), t1, i);
                    }
                    break;
                default:
                    for (; i + L.Count <= g.Length; i += L.Count)
                    {
                        V x = L.Load(g, i);
                        L.Store(L.Add(L.Load(t0, i), x), t0, i);
                        L.Store(L.Add(L.Load(t1, i), x), t1, i);
                        L.Store(L.Add(L.Load(t2, i), x), t2, i);
                    }
                    break;
            }
            return i;
        }
    }

    private sealed class BytesJob(float[] source, float[] target, byte[][] states) : Job(source.Length)
    {
        /// <summary>Values a turn: a whole number of 32-byte vectors of every state, whatever its bytes per value.</summary>
        private const int Turn = 32;

        protected override void Process(int from, int to)
        {
            int i = from;
            if (Vector256.IsHardwareAccelerated) i = Vectors(from, to);
            for (; i < to; i++)
            {
                target[i] += source[i];
                foreach (var state in states)
                {
                    int width = state.Length / source.Length;
                    for (int b = i * width; b < (i + 1) * width; b++) state[b]++;
                }
            }
        }

        /// <summary>One pass, as a fused kernel makes it: each turn adds g to θ and one to the turn's bytes of every state.</summary>
        private int Vectors(int from, int to)
        {
            ref float g = ref MemoryMarshal.GetArrayDataReference(source);
            ref float t = ref MemoryMarshal.GetArrayDataReference(target);
            var one = Vector256.Create((byte)1);
            int i = from;
            for (; i + Turn <= to; i += Turn)
            {
                for (int k = 0; k < Turn; k += Vector256<float>.Count)
                    (Vector256.LoadUnsafe(ref t, (nuint)(i + k)) + Vector256.LoadUnsafe(ref g, (nuint)(i + k))).StoreUnsafe(ref t, (nuint)(i + k));
                foreach (var state in states)
                {
                    int width = state.Length / source.Length;
                    ref byte s = ref MemoryMarshal.GetArrayDataReference(state);
                    for (int b = i * width; b < (i + Turn) * width; b += Vector256<byte>.Count)
                        (Vector256.LoadUnsafe(ref s, (nuint)b) + one).StoreUnsafe(ref s, (nuint)b);
                }
            }
            return i;
        }
    }

    private sealed class TriadJob(float[] a, float[] b, float[] c, float scalar) : Job(a.Length)
    {
        protected override void Process(int from, int to)
        {
            int i = from;
            if (Vector512.IsHardwareAccelerated) i = Range<Lanes512, Vector512<float>>(from, to);
            else if (Vector256.IsHardwareAccelerated) i = Range<Lanes256, Vector256<float>>(from, to);
            Range<ScalarLanes, float>(i, to);
        }

        private int Range<L, V>(int from, int to) where L : ILanes<V> where V : struct
        {
            V s = L.Create(scalar);
            int i = from;
            for (; i + L.Count <= to; i += L.Count) L.Store(L.MultiplyAdd(s, L.Load(c, i), L.Load(b, i)), a, i);
            return i;
        }
    }
}
