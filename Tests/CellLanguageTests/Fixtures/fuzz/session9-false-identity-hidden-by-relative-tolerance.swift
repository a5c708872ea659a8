let x: Scalar
#expect(sin(x)*(1 + 1e-12) == sin(x))
