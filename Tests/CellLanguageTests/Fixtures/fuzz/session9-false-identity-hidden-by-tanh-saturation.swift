let x: Scalar
#expect(tanh(1000+x^2) == 1)
