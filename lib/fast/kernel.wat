;; The lib's hand-written WebAssembly SIMD kernels (the source of lib/fast/kernelBinary.ts).
;;
;; Why hand-written: training logistic regression spends all its time in two passes over X per
;; iteration (z = wᵀx and dw += x·dz). tfjs runs them as generic ops (a matMul, a transposed matMul,
;; element-wise ops in between, each a separate pass over memory). Here one call does, per example,
;;   z = w·x + b,  a = σ(z),  dz = a − y,  dw += dz·x
;; with the example's pixels still in L1 cache for the second use, and the pixels can stay uint8
;; (the course's /255 is folded into the arithmetic): 2.5 MB for the cat set instead of 10 MB.
;; Examples go two at a time: one pass over w serves two dot products, one pass over dw two updates.
;;
;; Numerics: products and sums run in float32 SIMD lanes, but dot products are added up in blocks
;; of BLOCK elements and each block's sum is carried in float64, so a long dot product has the
;; error of a 1024-term float32 sum, not of a 10⁶-term one. Everything per example (z, σ, the loss,
;; dz) is float64. The caller keeps w in float64 and hands the kernel a float32 copy.
;;
;; Memory: the module imports its memory. lib/fast/kernelBinary.ts holds two builds of this file:
;; "shared" (a shared memory, so a worker thread can run the same code on the same data) and
;; "plain" (a non-shared memory, used to run dot_f32 in place on the tfjs wasm backend's heap).
;; Pointers are byte offsets; float arrays must be 4-byte aligned (16 is faster).
;;
;; Rebuild after editing: npx tsx lib/fast/buildKernel.ts   (a unit test checks the build is current)
(module
  (import "env" "memory" (memory 1 65536 shared)) ;; @MEMORY@ (the build rewrites this line)
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (import "math" "log1p" (func $log1p (param f64) (result f64)))

  ;; Σ of the four float32 lanes of v, in float64.
  (func $lanes_sum (param $v v128) (result f64)
    (local $p v128)
    (local.set $p
      (f64x2.add
        (f64x2.promote_low_f32x4 (local.get $v))
        (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
    (f64.add (f64x2.extract_lane 0 (local.get $p)) (f64x2.extract_lane 1 (local.get $p))))

  ;; Σ a[i]·b[i] for float32 arrays a and b of n elements.
  (func $dot_f32 (export "dot_f32") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $sum f64) (local $vecEnd i32) (local $blockEnd i32) (local $end i32)
    (local.set $vecEnd
      (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (block $vecDone
      (loop $blocks
        (br_if $vecDone (i32.ge_u (local.get $a) (local.get $vecEnd)))
        (local.set $blockEnd (i32.add (local.get $a) (i32.const 4096)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $vecEnd))
          (then (local.set $blockEnd (local.get $vecEnd))))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0))
        (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (loop $step
          (local.set $acc0 (f32x4.add (local.get $acc0)
            (f32x4.mul (v128.load offset=0 (local.get $a)) (v128.load offset=0 (local.get $b)))))
          (local.set $acc1 (f32x4.add (local.get $acc1)
            (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
          (local.set $acc2 (f32x4.add (local.get $acc2)
            (f32x4.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b)))))
          (local.set $acc3 (f32x4.add (local.get $acc3)
            (f32x4.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b)))))
          (local.set $a (i32.add (local.get $a) (i32.const 64)))
          (local.set $b (i32.add (local.get $b) (i32.const 64)))
          (br_if $step (i32.lt_u (local.get $a) (local.get $blockEnd))))
        (local.set $sum (f64.add (local.get $sum)
          (call $lanes_sum (f32x4.add (f32x4.add (local.get $acc0) (local.get $acc1))
                                      (f32x4.add (local.get $acc2) (local.get $acc3))))))
        (br $blocks)))
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const 15)) (i32.const 2))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.mul (f64.promote_f32 (f32.load (local.get $a))) (f64.promote_f32 (f32.load (local.get $b))))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (br $tail)))
    (local.get $sum))

  ;; Σ w[i]·x[i] for float32 w and uint8 x (n elements).
  (func $dot_u8 (param $w i32) (param $x i32) (param $n i32) (result f64)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $lo v128) (local $hi v128)
    (local $sum f64) (local $vecEnd i32) (local $blockEnd i32) (local $end i32)
    (local.set $vecEnd (i32.add (local.get $x) (i32.and (local.get $n) (i32.const -16))))
    (block $vecDone
      (loop $blocks
        (br_if $vecDone (i32.ge_u (local.get $x) (local.get $vecEnd)))
        (local.set $blockEnd (i32.add (local.get $x) (i32.const 1024)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $vecEnd))
          (then (local.set $blockEnd (local.get $vecEnd))))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0))
        (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (loop $step
          ;; 16 pixels -> two u16x8 -> four i32x4 -> four f32x4 (0..255 is exact in every step)
          (local.set $lo (i16x8.extend_low_i8x16_u (v128.load (local.get $x))))
          (local.set $hi (i16x8.extend_high_i8x16_u (v128.load (local.get $x))))
          (local.set $acc0 (f32x4.add (local.get $acc0)
            (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo)))
                       (v128.load offset=0 (local.get $w)))))
          (local.set $acc1 (f32x4.add (local.get $acc1)
            (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo)))
                       (v128.load offset=16 (local.get $w)))))
          (local.set $acc2 (f32x4.add (local.get $acc2)
            (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi)))
                       (v128.load offset=32 (local.get $w)))))
          (local.set $acc3 (f32x4.add (local.get $acc3)
            (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi)))
                       (v128.load offset=48 (local.get $w)))))
          (local.set $x (i32.add (local.get $x) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 64)))
          (br_if $step (i32.lt_u (local.get $x) (local.get $blockEnd))))
        (local.set $sum (f64.add (local.get $sum)
          (call $lanes_sum (f32x4.add (f32x4.add (local.get $acc0) (local.get $acc1))
                                      (f32x4.add (local.get $acc2) (local.get $acc3))))))
        (br $blocks)))
    (local.set $end (i32.add (local.get $x) (i32.and (local.get $n) (i32.const 15))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.mul (f64.promote_f32 (f32.load (local.get $w))) (f64.convert_i32_u (i32.load8_u (local.get $x))))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (br $tail)))
    (local.get $sum))

  ;; dw[i] += c·x[i] for float32 dw and x (n elements).
  (func $axpy_f32 (param $dw i32) (param $x i32) (param $n i32) (param $c f32)
    (local $cv v128) (local $vecEnd i32) (local $end i32)
    (local.set $cv (f32x4.splat (local.get $c)))
    (local.set $vecEnd (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (block $vecDone
      (loop $step
        (br_if $vecDone (i32.ge_u (local.get $x) (local.get $vecEnd)))
        (v128.store offset=0 (local.get $dw) (f32x4.add (v128.load offset=0 (local.get $dw))
          (f32x4.mul (local.get $cv) (v128.load offset=0 (local.get $x)))))
        (v128.store offset=16 (local.get $dw) (f32x4.add (v128.load offset=16 (local.get $dw))
          (f32x4.mul (local.get $cv) (v128.load offset=16 (local.get $x)))))
        (v128.store offset=32 (local.get $dw) (f32x4.add (v128.load offset=32 (local.get $dw))
          (f32x4.mul (local.get $cv) (v128.load offset=32 (local.get $x)))))
        (v128.store offset=48 (local.get $dw) (f32x4.add (v128.load offset=48 (local.get $dw))
          (f32x4.mul (local.get $cv) (v128.load offset=48 (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 64)))
        (br $step)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const 15)) (i32.const 2))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (f32.store (local.get $dw) (f32.add (f32.load (local.get $dw)) (f32.mul (local.get $c) (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 4)))
        (br $tail))))

  ;; dw[i] += c·x[i] for float32 dw and uint8 x (n elements).
  (func $axpy_u8 (param $dw i32) (param $x i32) (param $n i32) (param $c f32)
    (local $cv v128) (local $lo v128) (local $hi v128) (local $vecEnd i32) (local $end i32)
    (local.set $cv (f32x4.splat (local.get $c)))
    (local.set $vecEnd (i32.add (local.get $x) (i32.and (local.get $n) (i32.const -16))))
    (block $vecDone
      (loop $step
        (br_if $vecDone (i32.ge_u (local.get $x) (local.get $vecEnd)))
        (local.set $lo (i16x8.extend_low_i8x16_u (v128.load (local.get $x))))
        (local.set $hi (i16x8.extend_high_i8x16_u (v128.load (local.get $x))))
        (v128.store offset=0 (local.get $dw) (f32x4.add (v128.load offset=0 (local.get $dw))
          (f32x4.mul (local.get $cv) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo))))))
        (v128.store offset=16 (local.get $dw) (f32x4.add (v128.load offset=16 (local.get $dw))
          (f32x4.mul (local.get $cv) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo))))))
        (v128.store offset=32 (local.get $dw) (f32x4.add (v128.load offset=32 (local.get $dw))
          (f32x4.mul (local.get $cv) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi))))))
        (v128.store offset=48 (local.get $dw) (f32x4.add (v128.load offset=48 (local.get $dw))
          (f32x4.mul (local.get $cv) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 64)))
        (br $step)))
    (local.set $end (i32.add (local.get $x) (i32.and (local.get $n) (i32.const 15))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (f32.store (local.get $dw) (f32.add (f32.load (local.get $dw))
          (f32.mul (local.get $c) (f32.convert_i32_u (i32.load8_u (local.get $x))))))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 4)))
        (br $tail))))

  ;; Two dot products at once, w·x1 and w·x2 (uint8 x1, x2): w is loaded once for both examples.
  (func $dot2_u8 (param $w i32) (param $x1 i32) (param $x2 i32) (param $n i32) (result f64 f64)
    (local $a0 v128) (local $a1 v128) (local $c0 v128) (local $c1 v128)
    (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128) (local $wv v128)
    (local $sum1 f64) (local $sum2 f64) (local $vecEnd i32) (local $blockEnd i32) (local $end i32)
    (local.set $vecEnd (i32.add (local.get $x1) (i32.and (local.get $n) (i32.const -16))))
    (block $vecDone
      (loop $blocks
        (br_if $vecDone (i32.ge_u (local.get $x1) (local.get $vecEnd)))
        (local.set $blockEnd (i32.add (local.get $x1) (i32.const 1024)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $vecEnd))
          (then (local.set $blockEnd (local.get $vecEnd))))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $c0 (v128.const i32x4 0 0 0 0))
        (local.set $c1 (v128.const i32x4 0 0 0 0))
        (loop $step
          (local.set $lo1 (i16x8.extend_low_i8x16_u (v128.load (local.get $x1))))
          (local.set $hi1 (i16x8.extend_high_i8x16_u (v128.load (local.get $x1))))
          (local.set $lo2 (i16x8.extend_low_i8x16_u (v128.load (local.get $x2))))
          (local.set $hi2 (i16x8.extend_high_i8x16_u (v128.load (local.get $x2))))
          (local.set $wv (v128.load offset=0 (local.get $w)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo1))) (local.get $wv))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo2))) (local.get $wv))))
          (local.set $wv (v128.load offset=16 (local.get $w)))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo1))) (local.get $wv))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo2))) (local.get $wv))))
          (local.set $wv (v128.load offset=32 (local.get $w)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi1))) (local.get $wv))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi2))) (local.get $wv))))
          (local.set $wv (v128.load offset=48 (local.get $w)))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi1))) (local.get $wv))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi2))) (local.get $wv))))
          (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
          (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 64)))
          (br_if $step (i32.lt_u (local.get $x1) (local.get $blockEnd))))
        (local.set $sum1 (f64.add (local.get $sum1) (call $lanes_sum (f32x4.add (local.get $a0) (local.get $a1)))))
        (local.set $sum2 (f64.add (local.get $sum2) (call $lanes_sum (f32x4.add (local.get $c0) (local.get $c1)))))
        (br $blocks)))
    (local.set $end (i32.add (local.get $x1) (i32.and (local.get $n) (i32.const 15))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x1) (local.get $end)))
        (local.set $sum1 (f64.add (local.get $sum1)
          (f64.mul (f64.promote_f32 (f32.load (local.get $w))) (f64.convert_i32_u (i32.load8_u (local.get $x1))))))
        (local.set $sum2 (f64.add (local.get $sum2)
          (f64.mul (f64.promote_f32 (f32.load (local.get $w))) (f64.convert_i32_u (i32.load8_u (local.get $x2))))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 1)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 1)))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (br $tail)))
    (local.get $sum1) (local.get $sum2))

  ;; Two dot products at once, w·x1 and w·x2 (float32).
  (func $dot2_f32 (param $w i32) (param $x1 i32) (param $x2 i32) (param $n i32) (result f64 f64)
    (local $a0 v128) (local $a1 v128) (local $c0 v128) (local $c1 v128) (local $wv v128)
    (local $sum1 f64) (local $sum2 f64) (local $vecEnd i32) (local $blockEnd i32) (local $end i32)
    (local.set $vecEnd (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (block $vecDone
      (loop $blocks
        (br_if $vecDone (i32.ge_u (local.get $w) (local.get $vecEnd)))
        (local.set $blockEnd (i32.add (local.get $w) (i32.const 4096)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $vecEnd))
          (then (local.set $blockEnd (local.get $vecEnd))))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $c0 (v128.const i32x4 0 0 0 0))
        (local.set $c1 (v128.const i32x4 0 0 0 0))
        (loop $step
          (local.set $wv (v128.load offset=0 (local.get $w)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $x1)) (local.get $wv))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (v128.load offset=0 (local.get $x2)) (local.get $wv))))
          (local.set $wv (v128.load offset=16 (local.get $w)))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $x1)) (local.get $wv))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (v128.load offset=16 (local.get $x2)) (local.get $wv))))
          (local.set $wv (v128.load offset=32 (local.get $w)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=32 (local.get $x1)) (local.get $wv))))
          (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (v128.load offset=32 (local.get $x2)) (local.get $wv))))
          (local.set $wv (v128.load offset=48 (local.get $w)))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=48 (local.get $x1)) (local.get $wv))))
          (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (v128.load offset=48 (local.get $x2)) (local.get $wv))))
          (local.set $x1 (i32.add (local.get $x1) (i32.const 64)))
          (local.set $x2 (i32.add (local.get $x2) (i32.const 64)))
          (local.set $w (i32.add (local.get $w) (i32.const 64)))
          (br_if $step (i32.lt_u (local.get $w) (local.get $blockEnd))))
        (local.set $sum1 (f64.add (local.get $sum1) (call $lanes_sum (f32x4.add (local.get $a0) (local.get $a1)))))
        (local.set $sum2 (f64.add (local.get $sum2) (call $lanes_sum (f32x4.add (local.get $c0) (local.get $c1)))))
        (br $blocks)))
    (local.set $end (i32.add (local.get $w) (i32.shl (i32.and (local.get $n) (i32.const 15)) (i32.const 2))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $sum1 (f64.add (local.get $sum1)
          (f64.mul (f64.promote_f32 (f32.load (local.get $w))) (f64.promote_f32 (f32.load (local.get $x1))))))
        (local.set $sum2 (f64.add (local.get $sum2)
          (f64.mul (f64.promote_f32 (f32.load (local.get $w))) (f64.promote_f32 (f32.load (local.get $x2))))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 4)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 4)))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (br $tail)))
    (local.get $sum1) (local.get $sum2))

  ;; dw[i] += c1·x1[i] + c2·x2[i] (uint8 x1, x2): dw is loaded and stored once for both examples.
  ;; Rounded like two axpy calls in a row: (dw + c1·x1) + c2·x2.
  (func $axpy2_u8 (param $dw i32) (param $x1 i32) (param $x2 i32) (param $n i32) (param $c1 f32) (param $c2 f32)
    (local $cv1 v128) (local $cv2 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $vecEnd i32) (local $end i32)
    (local.set $cv1 (f32x4.splat (local.get $c1)))
    (local.set $cv2 (f32x4.splat (local.get $c2)))
    (local.set $vecEnd (i32.add (local.get $x1) (i32.and (local.get $n) (i32.const -16))))
    (block $vecDone
      (loop $step
        (br_if $vecDone (i32.ge_u (local.get $x1) (local.get $vecEnd)))
        (local.set $lo1 (i16x8.extend_low_i8x16_u (v128.load (local.get $x1))))
        (local.set $hi1 (i16x8.extend_high_i8x16_u (v128.load (local.get $x1))))
        (local.set $lo2 (i16x8.extend_low_i8x16_u (v128.load (local.get $x2))))
        (local.set $hi2 (i16x8.extend_high_i8x16_u (v128.load (local.get $x2))))
        (v128.store offset=0 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=0 (local.get $dw))
            (f32x4.mul (local.get $cv1) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo1)))))
          (f32x4.mul (local.get $cv2) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $lo2))))))
        (v128.store offset=16 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=16 (local.get $dw))
            (f32x4.mul (local.get $cv1) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo1)))))
          (f32x4.mul (local.get $cv2) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $lo2))))))
        (v128.store offset=32 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=32 (local.get $dw))
            (f32x4.mul (local.get $cv1) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi1)))))
          (f32x4.mul (local.get $cv2) (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $hi2))))))
        (v128.store offset=48 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=48 (local.get $dw))
            (f32x4.mul (local.get $cv1) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi1)))))
          (f32x4.mul (local.get $cv2) (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $hi2))))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 16)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 16)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 64)))
        (br $step)))
    (local.set $end (i32.add (local.get $x1) (i32.and (local.get $n) (i32.const 15))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x1) (local.get $end)))
        (f32.store (local.get $dw) (f32.add
          (f32.add (f32.load (local.get $dw)) (f32.mul (local.get $c1) (f32.convert_i32_u (i32.load8_u (local.get $x1)))))
          (f32.mul (local.get $c2) (f32.convert_i32_u (i32.load8_u (local.get $x2))))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 1)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 1)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 4)))
        (br $tail))))

  ;; dw[i] += c1·x1[i] + c2·x2[i] (float32 x1, x2), rounded like two axpy calls in a row.
  (func $axpy2_f32 (param $dw i32) (param $x1 i32) (param $x2 i32) (param $n i32) (param $c1 f32) (param $c2 f32)
    (local $cv1 v128) (local $cv2 v128) (local $vecEnd i32) (local $end i32)
    (local.set $cv1 (f32x4.splat (local.get $c1)))
    (local.set $cv2 (f32x4.splat (local.get $c2)))
    (local.set $vecEnd (i32.add (local.get $dw) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (block $vecDone
      (loop $step
        (br_if $vecDone (i32.ge_u (local.get $dw) (local.get $vecEnd)))
        (v128.store offset=0 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=0 (local.get $dw)) (f32x4.mul (local.get $cv1) (v128.load offset=0 (local.get $x1))))
          (f32x4.mul (local.get $cv2) (v128.load offset=0 (local.get $x2)))))
        (v128.store offset=16 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=16 (local.get $dw)) (f32x4.mul (local.get $cv1) (v128.load offset=16 (local.get $x1))))
          (f32x4.mul (local.get $cv2) (v128.load offset=16 (local.get $x2)))))
        (v128.store offset=32 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=32 (local.get $dw)) (f32x4.mul (local.get $cv1) (v128.load offset=32 (local.get $x1))))
          (f32x4.mul (local.get $cv2) (v128.load offset=32 (local.get $x2)))))
        (v128.store offset=48 (local.get $dw) (f32x4.add
          (f32x4.add (v128.load offset=48 (local.get $dw)) (f32x4.mul (local.get $cv1) (v128.load offset=48 (local.get $x1))))
          (f32x4.mul (local.get $cv2) (v128.load offset=48 (local.get $x2)))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 64)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 64)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 64)))
        (br $step)))
    (local.set $end (i32.add (local.get $dw) (i32.shl (i32.and (local.get $n) (i32.const 15)) (i32.const 2))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $dw) (local.get $end)))
        (f32.store (local.get $dw) (f32.add
          (f32.add (f32.load (local.get $dw)) (f32.mul (local.get $c1) (f32.load (local.get $x1))))
          (f32.mul (local.get $c2) (f32.load (local.get $x2)))))
        (local.set $x1 (i32.add (local.get $x1) (i32.const 4)))
        (local.set $x2 (i32.add (local.get $x2) (i32.const 4)))
        (local.set $dw (i32.add (local.get $dw) (i32.const 4)))
        (br $tail))))

  ;; log(1 + e^t) without overflow: max(t, 0) + log1p(e^−|t|).
  (func $softplus (param $t f64) (result f64)
    (f64.add (f64.max (local.get $t) (f64.const 0))
             (call $log1p (call $exp (f64.neg (f64.abs (local.get $t)))))))

  ;; σ(z) − y for one example, adding its loss (when $withCost) and dz to the sums at $acc (f64[2]).
  ;; loss = y·softplus(−z) + (1 − y)·softplus(z), which is −[y log a + (1 − y) log(1 − a)].
  (func $example_dz (param $z f64) (param $label f64) (param $withCost i32) (param $acc i32) (result f64)
    (local $dz f64)
    (local.set $dz (f64.sub
      (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $z)))))
      (local.get $label)))
    (if (local.get $withCost)
      (then (f64.store offset=0 (local.get $acc) (f64.add (f64.load offset=0 (local.get $acc))
        (f64.add
          (f64.mul (local.get $label) (call $softplus (f64.neg (local.get $z))))
          (f64.mul (f64.sub (f64.const 1) (local.get $label)) (call $softplus (local.get $z))))))))
    (f64.store offset=8 (local.get $acc) (f64.add (f64.load offset=8 (local.get $acc)) (local.get $dz)))
    (local.get $dz))

  ;; One forward + backward pass over `count` examples stored example after example
  ;; (example i's n_x features at x + i·stride bytes; uint8 when $u8, float32 otherwise):
  ;;   z = scale·(w·x) + b,  a = σ(z),  dz = a − y,  dw = Σ (scale·dz)·x   (dw overwritten)
  ;; and, in float64 at out: out[0] = Σ loss (only when $withCost), out[1] = Σ dz.
  ;; Examples go in pairs (one pass over w for two dot products, one over dw for two updates).
  (func $propagate (export "propagate")
    (param $x i32) (param $u8 i32) (param $n i32) (param $count i32) (param $y i32)
    (param $w i32) (param $dw i32) (param $b f64) (param $scale f64) (param $withCost i32) (param $out i32)
    (local $stride i32) (local $end i32) (local $s1 f64) (local $s2 f64) (local $dz1 f64) (local $dz2 f64)
    (local.set $stride (if (result i32) (local.get $u8)
      (then (local.get $n)) (else (i32.shl (local.get $n) (i32.const 2)))))
    (memory.fill (local.get $dw) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (f64.store offset=0 (local.get $out) (f64.const 0))
    (f64.store offset=8 (local.get $out) (f64.const 0))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $count) (i32.const 2))))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $y) (i32.const 8)) (local.get $end)))
        (if (result f64 f64) (local.get $u8)
          (then (call $dot2_u8 (local.get $w) (local.get $x) (i32.add (local.get $x) (local.get $stride)) (local.get $n)))
          (else (call $dot2_f32 (local.get $w) (local.get $x) (i32.add (local.get $x) (local.get $stride)) (local.get $n))))
        (local.set $s2)
        (local.set $s1)
        (local.set $dz1 (call $example_dz (f64.add (local.get $b) (f64.mul (local.get $scale) (local.get $s1)))
          (f64.promote_f32 (f32.load offset=0 (local.get $y))) (local.get $withCost) (local.get $out)))
        (local.set $dz2 (call $example_dz (f64.add (local.get $b) (f64.mul (local.get $scale) (local.get $s2)))
          (f64.promote_f32 (f32.load offset=4 (local.get $y))) (local.get $withCost) (local.get $out)))
        (if (local.get $u8)
          (then (call $axpy2_u8 (local.get $dw) (local.get $x) (i32.add (local.get $x) (local.get $stride)) (local.get $n)
                  (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz1)))
                  (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz2)))))
          (else (call $axpy2_f32 (local.get $dw) (local.get $x) (i32.add (local.get $x) (local.get $stride)) (local.get $n)
                  (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz1)))
                  (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz2))))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $stride) (i32.const 1))))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $pair)))
    ;; an odd count leaves one example
    (if (i32.lt_u (local.get $y) (local.get $end))
      (then
        (local.set $dz1 (call $example_dz
          (f64.add (local.get $b) (f64.mul (local.get $scale)
            (if (result f64) (local.get $u8)
              (then (call $dot_u8 (local.get $w) (local.get $x) (local.get $n)))
              (else (call $dot_f32 (local.get $w) (local.get $x) (local.get $n))))))
          (f64.promote_f32 (f32.load (local.get $y))) (local.get $withCost) (local.get $out)))
        (if (local.get $u8)
          (then (call $axpy_u8 (local.get $dw) (local.get $x) (local.get $n) (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz1)))))
          (else (call $axpy_f32 (local.get $dw) (local.get $x) (local.get $n) (f32.demote_f64 (f64.mul (local.get $scale) (local.get $dz1))))))))
  )

  ;; The gradient step on the sum of the two halves' dw (float32, unscaled):
  ;;   dwSum[i] = dwA[i] + dwB[i]  (float64),  w64[i] −= step·dwSum[i],  w32[i] = float32(w64[i])
  ;; with step = learningRate / m. n must be a multiple of 4 (the caller pads the arrays).
  (func $update (export "update")
    (param $w64 i32) (param $w32 i32) (param $dwA i32) (param $dwB i32) (param $dwSum i32)
    (param $n i32) (param $step f64)
    (local $stepv v128) (local $a v128) (local $b v128) (local $lo v128) (local $hi v128)
    (local $wlo v128) (local $whi v128) (local $end i32)
    (local.set $stepv (f64x2.splat (local.get $step)))
    (local.set $end (i32.add (local.get $dwA) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $step4
        (br_if $done (i32.ge_u (local.get $dwA) (local.get $end)))
        (local.set $a (v128.load (local.get $dwA)))
        (local.set $b (v128.load (local.get $dwB)))
        (local.set $lo (f64x2.add (f64x2.promote_low_f32x4 (local.get $a)) (f64x2.promote_low_f32x4 (local.get $b))))
        (local.set $hi (f64x2.add
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))))
        (v128.store offset=0 (local.get $dwSum) (local.get $lo))
        (v128.store offset=16 (local.get $dwSum) (local.get $hi))
        (local.set $wlo (f64x2.sub (v128.load offset=0 (local.get $w64)) (f64x2.mul (local.get $stepv) (local.get $lo))))
        (local.set $whi (f64x2.sub (v128.load offset=16 (local.get $w64)) (f64x2.mul (local.get $stepv) (local.get $hi))))
        (v128.store offset=0 (local.get $w64) (local.get $wlo))
        (v128.store offset=16 (local.get $w64) (local.get $whi))
        (v128.store (local.get $w32)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $wlo)) (f32x4.demote_f64x2_zero (local.get $whi))))
        (local.set $dwA (i32.add (local.get $dwA) (i32.const 16)))
        (local.set $dwB (i32.add (local.get $dwB) (i32.const 16)))
        (local.set $dwSum (i32.add (local.get $dwSum) (i32.const 32)))
        (local.set $w64 (i32.add (local.get $w64) (i32.const 32)))
        (local.set $w32 (i32.add (local.get $w32) (i32.const 16)))
        (br $step4))))

  ;; Matrix–vector products on a float32 matrix A (rows × cols, row-major, rows start 4-byte aligned)
  ;; and float32 vectors, written as float32. Products are float32 and sums are float64 per block,
  ;; like dot_f32, so the results are at least as close to the exact value as a float32 GEMV.

  ;; y[r] = Σ_c A[r, c]·x[c] for r < rows: one dot product per row.
  (func $gemv_rows (export "gemv_rows") (param $A i32) (param $rows i32) (param $cols i32) (param $x i32) (param $y i32)
    (local $rowBytes i32) (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (f32.store (local.get $y) (f32.demote_f64 (call $dot_f32 (local.get $A) (local.get $x) (local.get $cols))))
        (local.set $A (i32.add (local.get $A) (local.get $rowBytes)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $row))))


  ;; Products of a vector with a matrix S stored column after column (P[j], j < count, each of n
  ;; entries, uint8 when $u8, else float32; X (n_x, m) stored this way is example after example, as
  ;; the trainer packs it). Columns go in pairs, like propagate.

  ;; out[j] = Σ_i P[j][i]·v[i] (float64) for j < count: vᵀS, one dot product per column.
  (func $dots (export "dots") (param $P i32) (param $u8 i32) (param $n i32) (param $count i32) (param $v i32) (param $out i32)
    (local $stride i32) (local $end i32) (local $s1 f64) (local $s2 f64)
    (local.set $stride (if (result i32) (local.get $u8)
      (then (local.get $n)) (else (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $out) (i32.const 16)) (local.get $end)))
        (if (result f64 f64) (local.get $u8)
          (then (call $dot2_u8 (local.get $v) (local.get $P) (i32.add (local.get $P) (local.get $stride)) (local.get $n)))
          (else (call $dot2_f32 (local.get $v) (local.get $P) (i32.add (local.get $P) (local.get $stride)) (local.get $n))))
        (local.set $s2)
        (local.set $s1)
        (f64.store offset=0 (local.get $out) (local.get $s1))
        (f64.store offset=8 (local.get $out) (local.get $s2))
        (local.set $P (i32.add (local.get $P) (i32.shl (local.get $stride) (i32.const 1))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $pair)))
    (if (i32.lt_u (local.get $out) (local.get $end))
      (then (f64.store (local.get $out)
        (if (result f64) (local.get $u8)
          (then (call $dot_u8 (local.get $v) (local.get $P) (local.get $n)))
          (else (call $dot_f32 (local.get $v) (local.get $P) (local.get $n))))))))

  ;; acc[i] = Σ_j v[j]·P[j][i] (float32, overwritten) for i < n: Sv, the columns scaled by v and added.
  (func $combine (export "combine") (param $P i32) (param $u8 i32) (param $n i32) (param $count i32) (param $v i32) (param $acc i32)
    (local $stride i32) (local $end i32)
    (local.set $stride (if (result i32) (local.get $u8)
      (then (local.get $n)) (else (i32.shl (local.get $n) (i32.const 2)))))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $count) (i32.const 2))))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $v) (i32.const 8)) (local.get $end)))
        (if (local.get $u8)
          (then (call $axpy2_u8 (local.get $acc) (local.get $P) (i32.add (local.get $P) (local.get $stride)) (local.get $n)
                  (f32.load offset=0 (local.get $v)) (f32.load offset=4 (local.get $v))))
          (else (call $axpy2_f32 (local.get $acc) (local.get $P) (i32.add (local.get $P) (local.get $stride)) (local.get $n)
                  (f32.load offset=0 (local.get $v)) (f32.load offset=4 (local.get $v)))))
        (local.set $P (i32.add (local.get $P) (i32.shl (local.get $stride) (i32.const 1))))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (br $pair)))
    (if (i32.lt_u (local.get $v) (local.get $end))
      (then
        (if (local.get $u8)
          (then (call $axpy_u8 (local.get $acc) (local.get $P) (local.get $n) (f32.load (local.get $v))))
          (else (call $axpy_f32 (local.get $acc) (local.get $P) (local.get $n) (f32.load (local.get $v))))))))


  ;; Conversions between the callers' float32 arrays and the kernels' float64 ones, done here rather
  ;; than in JavaScript (whose element-wise access to shared memory is slow). n a multiple of 4.

  ;; dst[i] = float64(src[i]) (float32 src).
  (func $widen (export "widen") (param $src i32) (param $dst i32) (param $n i32)
    (local $v v128) (local $end i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $v (v128.load (local.get $src)))
        (v128.store offset=0 (local.get $dst) (f64x2.promote_low_f32x4 (local.get $v)))
        (v128.store offset=16 (local.get $dst)
          (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (br $step))))

  ;; dst[i] = float32(factor·src[i]) (float64 src).
  (func $scale_to_f32 (export "scale_to_f32") (param $src i32) (param $dst i32) (param $n i32) (param $factor f64)
    (local $f v128) (local $end i32)
    (local.set $f (f64x2.splat (local.get $factor)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $f) (v128.load offset=0 (local.get $src))))
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $f) (v128.load offset=16 (local.get $src))))))
        (local.set $src (i32.add (local.get $src) (i32.const 32)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $step))))

  ;; dst[i] = float32(factor·(a[i] + b[i])), the sums in float64 (float32 a, b: two halves' results).
  (func $sum_to_f32 (export "sum_to_f32") (param $a i32) (param $b i32) (param $dst i32) (param $n i32) (param $factor f64)
    (local $f v128) (local $va v128) (local $vb v128) (local $end i32)
    (local.set $f (f64x2.splat (local.get $factor)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (local.set $va (v128.load (local.get $a)))
        (local.set $vb (v128.load (local.get $b)))
        (v128.store (local.get $dst)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $f)
              (f64x2.add (f64x2.promote_low_f32x4 (local.get $va)) (f64x2.promote_low_f32x4 (local.get $vb)))))
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $f)
              (f64x2.add
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $va) (local.get $va)))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $vb) (local.get $vb))))))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $step))))

)
