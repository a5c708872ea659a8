let x: Scalar
#expect(sigmoid(-1e6*x^2-1000) == 2*sigmoid(-1e6*x^2-1000))
