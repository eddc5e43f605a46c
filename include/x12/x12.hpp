// Umbrella header: everything an embedding program needs.
#pragma once

#include "x12/error.hpp"
#include "x12/finding.hpp"
#include "x12/money.hpp"
#include "x12/position.hpp"
#include "x12/syntax.hpp"
